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

const t = require('./webtest');
const at = require('./admintest');

const { audit, submit } = at;

const { base, db } = t.args();
const [, , , , ADMIN, ADMIN_PW, VIEWER, VIEWER_PW] = process.argv;

function q(lang) { return lang === 'mn' ? '' : `?lang=${lang}`; }

async function go(page, p, label, lang, status = 200) {
	const resp = await page.goto(base + p);
	t.check(`${label} [${lang}]: GET ${p} -> ${status}`, resp && resp.status() === status,
	    `status ${resp && resp.status()}`);
	await audit(page, label, lang);
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
	await at.password(page, name, pw);
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
	await at.code(page, name, code, '/admin', 'signed in');
}

async function main() {
	const browser = await t.launch();
	const page = await at.newPage(browser);
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
	const vpage = await at.newPage(browser);
	await signIn(vpage, VIEWER, VIEWER_PW, false);
	for (const lang of ['mn', 'en'])
		await go(vpage, `/admin/c/12/decision${q(lang)}`, 'viewer, 403', lang, 403);
	await browser.close();

	const { pages, violations } = at.counts;
	console.log(`\n${pages} page states, ${pages * at.WIDTHS.length} axe runs in ` +
	    `${((Date.now() - t0) / 1000).toFixed(1)} s, ${violations} violation(s)`);
	if (t.failures()) {
		console.log(`\nFAIL admin: ${t.failures()} failed check(s)`);
		process.exit(1);
	}
	console.log('admin: all pages pass');
}

main().catch(e => { console.log(`FAIL admin: ${e.stack || e}`); process.exit(1); });
