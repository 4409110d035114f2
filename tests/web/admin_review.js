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

const t = require('./webtest');
const at = require('./admintest');

const { audit, submit } = at;
const { base, db } = t.args();
const [, , , , NAME, PASSWORD] = process.argv;

// withLang PATH LANG: the path with ?lang= (or &lang=) for English.
function withLang(p, lang) {
	if (lang === 'mn') return p;
	return `${p}${p.includes('?') ? '&' : '?'}lang=${lang}`;
}

// go PAGE PATH LABEL LANG [STATUS]: open the page, check its status, audit it.
async function go(page, p, label, lang, status = 200) {
	const resp = await page.goto(base + withLang(p, lang));
	t.check(`${label} [${lang}]: GET ${withLang(p, lang)} -> ${status}`,
	    resp && resp.status() === status, `status ${resp && resp.status()}`);
	await audit(page, label, lang);
}

// signIn PAGE: the analyst's name and password, then the code (admintest.js),
// starting from the review queue, where the pages bring the analyst back.
async function signIn(page) {
	await page.goto(`${base}/admin/review`);
	t.check('the queue sends to the sign-in page',
	    new URL(page.url()).pathname === '/admin/sign-in', page.url());
	await at.password(page, NAME, PASSWORD);
	await at.code(page, NAME, t.lastCode(db), '/admin/review',
	    'signed in, back at the queue');
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
	const page = await at.newPage(browser);
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
	console.log(`${at.counts.pages} page states in ` +
	    `${((Date.now() - t0) / 1000).toFixed(1)} s`);
	process.exit(t.failures() ? 1 : 0);
}

main().catch(e => { console.log(`FAIL ${e.stack || e}`); process.exit(1); });
