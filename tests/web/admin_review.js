// SPDX-License-Identifier: ISC
//
// The officials' report, comments, review and quotes pages in real Chromium
// with axe-core (WCAG 2.0/2.1 A and AA and WCAG 2.2 AA rules), an analyst
// signed in through the real pages (name and password, then the code from
// the outbox): the report (and by soum), the comments browser filtered, its
// second page and its error summary, the review queue (and its confirmation
// after a label set through its form), the quotes page. Each in Mongolian and
// English, 320 px wide (also: no horizontal scrolling, WCAG 1.4.10) and
// 1280 px wide. tests/integ/admin_pages.sh runs it on its data:
//
//   node tests/web/admin_review.js BASE_URL DB ANALYST PASSWORD
//
// Prints every violation and exits 1 if there is any (see a11y.js for why axe
// is run directly and in a JavaScript-enabled context).
'use strict';

const fs = require('fs');
const path = require('path');
const t = require('./webtest');

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js',
    { paths: [path.dirname(require.resolve('@axe-core/playwright'))] }), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const WIDTHS = [320, 1280];

const { base, db } = t.args();
const [, , , , NAME, PASSWORD] = process.argv;
let pages = 0;

// withLang PATH LANG: the path with ?lang= (or &lang=) for English.
function withLang(p, lang) {
	if (lang === 'mn') return p;
	return `${p}${p.includes('?') ? '&' : '?'}lang=${lang}`;
}

// audit LABEL LANG: axe and reflow on the page as it is, at each width.
async function audit(page, label, lang) {
	const where = `${label} [${lang}]`;
	t.check(`${where}: <html lang="${lang}">`,
	    await page.getAttribute('html', 'lang') === lang);
	await page.evaluate(AXE);
	for (const width of WIDTHS) {
		await page.setViewportSize({ width, height: width < 400 ? 640 : 900 });
		const r = await page.evaluate(o => window.axe.run(document, o),
		    { runOnly: { type: 'tag', values: TAGS }, resultTypes: ['violations'] });
		let n = 0;
		for (const v of r.violations) {
			for (const node of v.nodes) {
				n++;
				console.log(`  ${where} ${width}px: ${v.id} (${v.impact}) at ` +
				    `${node.target.join(' ')}: ${v.help}\n      ` +
				    `${node.html.slice(0, 160).replace(/\s+/g, ' ')}`);
			}
		}
		t.check(`${where} ${width}px: axe, ${n} violation(s)`, n === 0,
		    r.violations.map(v => v.id).join(', '));
		if (width === 320) {
			const sw = await page.evaluate(() => document.documentElement.scrollWidth);
			t.check(`${where} 320px: no horizontal scroll (scrollWidth ${sw})`, sw <= 320);
		}
	}
	pages++;
}

// go PAGE PATH LABEL LANG [STATUS]: open the page, check its status, audit it.
async function go(page, p, label, lang, status = 200) {
	const resp = await page.goto(base + withLang(p, lang));
	t.check(`${label} [${lang}]: GET ${withLang(p, lang)} -> ${status}`,
	    resp && resp.status() === status, `status ${resp && resp.status()}`);
	await audit(page, label, lang);
}

// submit PAGE LOCATOR: click a form's button and wait for the next page.
async function submit(page, button) {
	const [resp] = await Promise.all([page.waitForNavigation(), button.click()]);
	return resp;
}

// signIn PAGE: the analyst's name and password, then the code (as admin.js
// does), starting from the review queue, where the pages bring the analyst back.
async function signIn(page) {
	await page.goto(`${base}/admin/review`);
	t.check('the queue sends to the sign-in page',
	    new URL(page.url()).pathname === '/admin/sign-in', page.url());
	await page.fill('#name', NAME);
	await page.fill('#password', PASSWORD);
	await submit(page, page.getByRole('button', { name: t.msg('mn', 'w_continue'),
	    exact: true }));
	t.check(`${NAME}: the code page`,
	    new URL(page.url()).pathname === '/admin/sign-in/code', page.url());
	await page.fill('#code', t.lastCode(db));
	await submit(page, page.getByRole('button', { name: t.msg('mn', 'w_sign_in_button'),
	    exact: true }));
	t.check(`${NAME}: signed in, back at the queue`,
	    new URL(page.url()).pathname === '/admin/review', page.url());
}

// label PAGE LANG: the queue's first form, sent as it is; the confirmation audited.
async function label(page, lang) {
	await page.goto(base + withLang('/admin/review', lang));
	const form = page.locator('form[action^="/admin/label"]').first();
	const id = await form.locator('input[name="id"]').getAttribute('value');
	await form.locator('select[name="stance"]').selectOption('question');
	const resp = await submit(page, form.getByRole('button',
	    { name: t.msg(lang, 'ar_label_button'), exact: true }));
	t.check(`label ${id} through the form [${lang}]`, resp.status() === 200 &&
	    new URL(page.url()).searchParams.get('labelled') === id, page.url());
	t.check(`label ${id} stored [${lang}]`, t.sql(db, 'SELECT stance FROM comment_label ' +
	    `WHERE comment_id = ${+id}`) === 'question');
	await audit(page, 'review queue, after a label', lang);
}

async function main() {
	const browser = await t.launch();
	const ctx = await browser.newContext({ viewport: { width: 320, height: 640 } });
	const page = await ctx.newPage();
	page.setDefaultTimeout(15000);
	const t0 = Date.now();

	await signIn(page);
	for (const lang of ['mn', 'en']) {
		await go(page, '/admin/c/12', 'report', lang);
		await go(page, '/admin/comments?article=3&aimag=67', 'comments, filtered', lang);
		await go(page, '/admin/comments?article=3&page=2', 'comments, page 2', lang);
		await go(page, '/admin/comments?stance=angry&day=2026-13-01', 'comments, bad filters',
		    lang, 400);
		await go(page, '/admin/review', 'review queue', lang);
		await label(page, lang);
		await go(page, '/admin/c/12/quotes', 'quotes', lang);
	}
	await go(page, '/admin/c/12?soum=1', 'report by soum', 'mn');
	await browser.close();
	console.log(`${pages} page states in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	process.exit(t.failures() ? 1 : 0);
}

main().catch(e => { console.log(`FAIL ${e.stack || e}`); process.exit(1); });
