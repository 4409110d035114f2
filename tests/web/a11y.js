// SPDX-License-Identifier: ISC
//
// Accessibility of every citizen page template, in real Chromium with axe-core
// (WCAG 2.0/2.1 A and AA and WCAG 2.2 AA rules): home, a draft's overview, an
// article (read only and with its vote-and-comment form, and that form's error
// summary), the vote question (and its error), check answers, the vote's
// confirmation, a petition, the signature's check and confirmation, sign-in
// (and its error summary), the code page (and its error), /me, /me/erase and
// the 404 page; each in Mongolian and English, home and the article also in
// Kazakh and Mongolian in Latin letters. Each is checked 320 px wide (also:
// no horizontal scrolling, WCAG 1.4.10 Reflow) and 1280 px wide.
//
//   node tests/web/a11y.js BASE_URL DB [PHONE]
//
// Prints every violation (page, language, width, rule, impact, target, help)
// and exits 1 if there is any; axe's "incomplete" results (to check by hand,
// e.g. contrast over an SVG) are printed as notes. axe runs in the page's
// JavaScript context: the pages have no script of their own, so this context
// has JavaScript on (tests/web/flows.js walks the pages with it off). axe is
// put in the page through the DevTools protocol (page.evaluate), which the
// pages' CSP (no script source at all) does not govern: no bypassCSP needed.
//
// axe-core is the one @axe-core/playwright pins (tests/package-lock.json), run
// directly: AxeBuilder.analyze() injects axe again on every call and finishes
// each run in a new blank page, some 550 ms a run here against 40-120 ms; with
// two widths and ~45 page states that is the difference between ~50 s and ~15 s.
'use strict';

const fs = require('fs');
const path = require('path');
const t = require('./webtest');

// axe-core as @axe-core/playwright finds it.
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js',
    { paths: [path.dirname(require.resolve('@axe-core/playwright'))] }), 'utf8');

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const WIDTHS = [320, 1280];
// The reader's number: from the command line, else random (a rerun on the
// same database is then not told to wait a minute for a new code).
const PHONE = process.argv[4] ||
    `8800${String(Math.floor(Math.random() * 10000)).padStart(4, '0')}`;

const { base, db } = t.args();
const violations = [];
const notes = new Map();		// rule id -> pages
let pages = 0;

function q(lang, extra) {
	const p = [];
	if (extra) p.push(extra);
	if (lang !== 'mn') p.push(`lang=${lang}`);
	return p.length ? `?${p.join('&')}` : '';
}

// audit LABEL LANG: axe and reflow on the page as it is, at each width.
async function audit(page, label, lang) {
	const where = `${label} [${lang}]`;
	const htmlLang = await page.getAttribute('html', 'lang');
	t.check(`${where}: <html lang="${lang}">`, htmlLang === lang,
	    `the page's <html> has lang="${htmlLang}"`);
	await page.evaluate(AXE);
	for (const width of WIDTHS) {
		await page.setViewportSize({ width, height: width < 400 ? 640 : 900 });
		const r = await page.evaluate(o => window.axe.run(document, o),
		    { runOnly: { type: 'tag', values: TAGS }, resultTypes: ['violations', 'incomplete'] });
		for (const v of r.violations) {
			for (const n of v.nodes) {
				violations.push({ where, width, id: v.id, impact: v.impact,
				    target: n.target.join(' '), help: v.help,
				    html: n.html.slice(0, 160) });
			}
		}
		for (const v of r.incomplete) {
			if (!notes.has(v.id)) notes.set(v.id, new Set());
			notes.get(v.id).add(`${label} [${lang}] ${width}px`);
		}
		const n = r.violations.reduce((a, v) => a + v.nodes.length, 0);
		t.check(`${where} ${width}px: axe, ${n} violation(s)`, n === 0, `${r.violations.map(v => v.id).join(', ')}`);
		if (width === 320) {
			const sw = await page.evaluate(() => document.documentElement.scrollWidth);
			t.check(`${where} 320px: no horizontal scroll (scrollWidth ${sw})`, sw <= 320,
			    `scrollWidth ${sw} > 320`);
		}
	}
	pages++;
}

// go PATH LABEL LANG [STATUS]: load the page, check its status, audit it.
async function go(page, path, label, lang, status = 200) {
	const resp = await page.goto(base + path);
	t.check(`${label} [${lang}]: GET ${path} -> ${status}`, resp && resp.status() === status,
	    `status ${resp && resp.status()}`);
	await audit(page, label, lang);
}

// submit PAGE BUTTON_TEXT: press the form's button and wait for the next page.
async function submit(page, text) {
	const [resp] = await Promise.all([
		page.waitForNavigation(),
		page.getByRole('button', { name: text, exact: true }).click(),
	]);
	return resp;
}

async function main() {
	const browser = await t.launch();
	const ctx = await browser.newContext({ viewport: { width: 320, height: 640 } });
	const page = await ctx.newPage();
	page.setDefaultTimeout(10000);
	const t0 = Date.now();

	// --- anonymous: what anyone can read, and signing in --------------------------
	for (const lang of ['mn', 'en']) {
		await go(page, `/${q(lang)}`, 'home', lang);
		await go(page, `/c/12${q(lang)}`, 'draft overview', lang);
		await go(page, `/c/12/a/3${q(lang)}`, 'article, signed out', lang);
		await go(page, `/p/31${q(lang)}`, 'petition', lang);
		await go(page, `/no/such/page${q(lang)}`, '404, any path', lang, 404);
		await go(page, `/c/99${q(lang)}`, '404, no such draft', lang, 404);
		await go(page, `/sign-in${q(lang)}`, 'sign-in', lang);
		const r = await submit(page, t.msg(lang, 'w_get_code'));
		t.check(`sign-in with an empty number -> 400 [${lang}]`, r.status() === 400,
		    `status ${r.status()}`);
		await audit(page, 'sign-in, error summary', lang);
	}
	await page.goto(`${base}/sign-in`);
	await page.fill('#phone', PHONE);
	await submit(page, t.msg('mn', 'w_get_code'));
	const code = t.lastCode(db);
	t.check(`a security code was queued (${code})`, /^[0-9]{6}$/.test(code), code);
	const wrong = String((+code[0] + 1) % 10) + code.slice(1);
	for (const lang of ['mn', 'en']) {
		await go(page, `/sign-in/code${q(lang)}`, 'code', lang);
		await page.fill('#code', wrong);
		const r = await submit(page, t.msg(lang, 'w_sign_in_button'));
		t.check(`a wrong code -> 400 [${lang}]`, r.status() === 400, `status ${r.status()}`);
		await audit(page, 'code, error summary', lang);
	}
	await page.goto(`${base}/sign-in/code`);
	await page.fill('#code', code);
	await submit(page, t.msg('mn', 'w_sign_in_button'));
	t.check('signed in', await page.getByRole('link', { name: t.msg('mn', 'w_me') }).count() === 1);

	// --- signed in: the forms, used for real in Mongolian, then seen in English --------
	await go(page, '/c/12/a/3', 'article, with its form', 'mn');
	let r = await submit(page, t.msg('mn', 'w_send'));
	t.check('article form with nothing -> 400 [mn]', r.status() === 400, `status ${r.status()}`);
	await audit(page, 'article, error summary', 'mn');
	await page.check('#choice-oppose');
	await page.fill('#comment', 'Гэрээний хугацааг <арван> жил болгох нь зүйтэй & "шударга".');
	await submit(page, t.msg('mn', 'w_send'));
	await audit(page, 'article, after voting', 'mn');
	await go(page, '/c/12/vote', 'vote question', 'mn');
	r = await submit(page, t.msg('mn', 'w_continue'));
	t.check('vote question with nothing -> 400 [mn]', r.status() === 400, `status ${r.status()}`);
	await audit(page, 'vote question, error summary', 'mn');
	await page.check('#choice-support');
	await submit(page, t.msg('mn', 'w_continue'));
	await audit(page, 'check answers', 'mn');
	await submit(page, t.msg('mn', 'w_confirm_vote'));
	const receipt = new URL(page.url()).searchParams.get('receipt');
	await audit(page, 'vote done', 'mn');
	await go(page, '/p/31/sign', 'sign check', 'mn');
	await submit(page, t.msg('mn', 'w_sign_confirm'));
	const sreceipt = new URL(page.url()).searchParams.get('receipt');
	await audit(page, 'sign done', 'mn');
	await go(page, '/me', '/me', 'mn');
	await go(page, '/me/erase', '/me/erase', 'mn');

	const lang = 'en';
	await go(page, `/c/12/a/3${q(lang)}`, 'article, with its form', lang);
	r = await submit(page, t.msg(lang, 'w_send'));
	t.check(`article form with nothing -> 400 [${lang}]`, r.status() === 400,
	    `status ${r.status()}`);
	await audit(page, 'article, error summary', lang);
	await go(page, `/c/12/vote${q(lang)}`, 'vote question', lang);
	r = await submit(page, t.msg(lang, 'w_continue'));
	t.check(`vote question with nothing -> 400 [${lang}]`, r.status() === 400,
	    `status ${r.status()}`);
	await audit(page, 'vote question, error summary', lang);
	await go(page, `/c/12/vote/check${q(lang, 'choice=oppose')}`, 'check answers', lang);
	await go(page, `/c/12/vote/done${q(lang, `choice=support&receipt=${receipt}`)}`,
	    'vote done', lang);
	await go(page, `/p/31/sign${q(lang)}`, 'sign check', lang);
	await go(page, `/p/31/sign/done${q(lang, `receipt=${sreceipt}&already=0`)}`,
	    'sign done', lang);
	await go(page, `/p/31/sign/done${q(lang, 'receipt=&already=1')}`, 'signed before', lang);
	await go(page, `/me${q(lang)}`, '/me', lang);
	await go(page, `/me/erase${q(lang)}`, '/me/erase', lang);
	for (const lang of ['kk', 'mn-Latn']) {
		await go(page, `/${q(lang)}`, 'home', lang);
		await go(page, `/c/12/a/3${q(lang)}`, 'article, with its form', lang);
	}
	await browser.close();

	console.log(`\n${pages} page states, ${pages * WIDTHS.length} axe runs in ` +
	    `${((Date.now() - t0) / 1000).toFixed(1)} s`);
	if (notes.size) {
		console.log('notes: axe "incomplete" (check by hand):');
		for (const [id, where] of notes)
			console.log(`  ${id}: ${[...where].slice(0, 4).join('; ')}` +
			    `${where.size > 4 ? ` and ${where.size - 4} more` : ''}`);
	}
	if (violations.length) {
		// one line per page, rule and element, with the widths it fails at
		const seen = new Map();
		for (const v of violations) {
			const k = `${v.where}\0${v.id}\0${v.target}`;
			if (seen.has(k)) seen.get(k).widths.push(v.width);
			else seen.set(k, { ...v, widths: [v.width] });
		}
		console.log(`\n${violations.length} axe violation(s):`);
		for (const v of seen.values())
			console.log(`  ${v.where} ${v.widths.join(', ')} px: ${v.id} (${v.impact}) at ` +
			    `${v.target}: ${v.help}\n      ${v.html.replace(/\s+/g, ' ')}`);
	}
	if (t.failures()) {
		console.log(`\nFAIL a11y: ${t.failures()} failed check(s)`);
		process.exit(1);
	}
	console.log('a11y: all pages pass');
}

main().catch(e => { console.log(`FAIL a11y: ${e.stack || e}`); process.exit(1); });
