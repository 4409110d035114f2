// SPDX-License-Identifier: ISC
//
// The officials' pages in real Chromium with axe-core (WCAG 2.0/2.1 A and AA
// and WCAG 2.2 AA rules), signed in through the real pages: /admin sends to
// the sign-in page (checked, and its error summary), the name and password,
// the code page (and its error), the code from the outbox; then the dashboard,
// the decision page (and its error summary, input kept), a decision published
// through the form, the notify plan, and a viewer's 403 page. Each in
// Mongolian and English, 320 px wide (also: no horizontal scrolling) and
// 1280 px wide.
//
//   node tests/web/admin.js BASE_URL DB ADMIN PASSWORD VIEWER PASSWORD
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
const [, , , , ADMIN, ADMIN_PW, VIEWER, VIEWER_PW] = process.argv;
let pages = 0, nviol = 0;

function q(lang) { return lang === 'mn' ? '' : `?lang=${lang}`; }

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
		nviol += n;
		t.check(`${where} ${width}px: axe, ${n} violation(s)`, n === 0,
		    r.violations.map(v => v.id).join(', '));
		if (width === 320) {
			const sw = await page.evaluate(() => document.documentElement.scrollWidth);
			t.check(`${where} 320px: no horizontal scroll (scrollWidth ${sw})`, sw <= 320);
		}
	}
	pages++;
}

async function go(page, p, label, lang, status = 200) {
	const resp = await page.goto(base + p);
	t.check(`${label} [${lang}]: GET ${p} -> ${status}`, resp && resp.status() === status,
	    `status ${resp && resp.status()}`);
	await audit(page, label, lang);
}

async function submit(page, text) {
	const [resp] = await Promise.all([
		page.waitForNavigation(),
		page.getByRole('button', { name: text, exact: true }).click(),
	]);
	return resp;
}

// signIn PAGE NAME PASSWORD [AUDIT]: the two steps through the pages.
async function signIn(page, name, pw, auditing) {
	let resp = await page.goto(`${base}/admin`);
	t.check('/admin sends to the sign-in page',
	    new URL(page.url()).pathname === '/admin/sign-in', page.url());
	if (auditing) {
		for (const lang of ['mn', 'en']) {
			await go(page, `/admin/sign-in${q(lang)}`, 'sign-in', lang);
			resp = await submit(page, t.msg(lang, 'w_continue'));
			t.check(`sign-in with nothing -> 400 [${lang}]`, resp.status() === 400);
			await audit(page, 'sign-in, error summary', lang);
		}
		await page.goto(`${base}/admin/sign-in`);
	}
	await page.fill('#name', name);
	await page.fill('#password', pw);
	await submit(page, t.msg('mn', 'w_continue'));
	t.check(`${name}: the code page`, new URL(page.url()).pathname === '/admin/sign-in/code',
	    page.url());
	const code = t.lastCode(db);
	if (auditing) {
		const wrong = String((+code[0] + 1) % 10) + code.slice(1);
		for (const lang of ['mn', 'en']) {
			await go(page, `/admin/sign-in/code${q(lang)}`, 'code', lang);
			await page.fill('#code', wrong);
			resp = await submit(page, t.msg(lang, 'w_sign_in_button'));
			t.check(`a wrong code -> 400 [${lang}]`, resp.status() === 400);
			await audit(page, 'code, error summary', lang);
		}
		await page.goto(`${base}/admin/sign-in/code`);
	}
	await page.fill('#code', code);
	await submit(page, t.msg('mn', 'w_sign_in_button'));
	t.check(`${name}: signed in`, new URL(page.url()).pathname === '/admin', page.url());
}

async function main() {
	const browser = await t.launch();
	const ctx = await browser.newContext({ viewport: { width: 320, height: 640 } });
	const page = await ctx.newPage();
	page.setDefaultTimeout(15000);
	const t0 = Date.now();

	await signIn(page, ADMIN, ADMIN_PW, true);
	for (const lang of ['mn', 'en']) {
		await go(page, `/admin${q(lang)}`, 'dashboard', lang);
		await go(page, `/admin/c/12/notify${q(lang)}`, 'notify, no decision yet', lang);
		await go(page, `/admin/c/12/decision${q(lang)}`, 'decision', lang);
		await page.fill('#reason', 'Шалтгаан <бичсэн> боловч үр дүн сонгоогүй');
		const r = await submit(page, t.msg(lang, 'a_publish'));
		t.check(`decision without an outcome -> 400 [${lang}]`, r.status() === 400);
		t.check(`the reason is kept [${lang}]`, (await page.inputValue('#reason')) ===
		    'Шалтгаан <бичсэн> боловч үр дүн сонгоогүй');
		await audit(page, 'decision, error summary', lang);
	}
	// a decision through the form, then its plan
	await page.goto(`${base}/admin/c/12/decision`);
	await page.selectOption('#article', '');
	await page.check('#outcome-adopted');
	await page.fill('#reason', 'Иргэдийн саналаар гэрээний хугацааг 7 жил болгов.');
	await submit(page, t.msg('mn', 'a_publish'));
	t.check('the decision is published', /done=1/.test(page.url()), page.url());
	await audit(page, 'decision, published', 'mn');
	for (const lang of ['mn', 'en']) {
		await go(page, `/admin/c/12/notify${q(lang)}`, 'notify plan', lang);
		t.check(`the plan offers a confirm [${lang}]`,
		    await page.locator('form button').count() >= 1);
	}
	// a viewer's refusal
	const vctx = await browser.newContext({ viewport: { width: 320, height: 640 } });
	const vpage = await vctx.newPage();
	vpage.setDefaultTimeout(15000);
	await signIn(vpage, VIEWER, VIEWER_PW, false);
	for (const lang of ['mn', 'en'])
		await go(vpage, `/admin/c/12/decision${q(lang)}`, 'viewer, 403', lang, 403);
	await browser.close();

	console.log(`\n${pages} page states, ${pages * WIDTHS.length} axe runs in ` +
	    `${((Date.now() - t0) / 1000).toFixed(1)} s, ${nviol} violation(s)`);
	if (t.failures()) {
		console.log(`\nFAIL admin: ${t.failures()} failed check(s)`);
		process.exit(1);
	}
	console.log('admin: all pages pass');
}

main().catch(e => { console.log(`FAIL admin: ${e.stack || e}`); process.exit(1); });
