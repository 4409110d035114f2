// SPDX-License-Identifier: ISC
//
// The citizen's journeys through the web pages in real Chromium with
// JavaScript off, as on a phone whose browser has none, and what each one
// weighs on the wire:
//
//   sign in from an article (number, a wrong code, the right code, back to
//   the article); vote on the whole draft (question, check answers, confirm,
//   receipt) and change that vote (one vote counted, the new one: sanalctl
//   report); vote and comment on an article (the comment listed, escaped);
//   sign the petition, and a second time ("already signed"); the error
//   summaries (empty and malformed number, wrong code, an empty article form);
//   the same in English (the language kept after sending, on the next page of
//   comments, through the help link); sign out; a second person votes in
//   English, signs in on the way (back to check answers), erases their data
//   (the vote stays counted, /me asks to sign in again).
//
//   SANALCTL=build/sanalctl node tests/web/flows.js BASE_URL DB [PHONE_A PHONE_B]
//
// Asserts on what the page shows (headings, notices, the numbers in the
// results tables, the fields) in the texts of locales/*.txt, and on the
// database where it matters. Page weight (WEB.md 2.8): the bytes Chromium
// received for each page (Network.loadingFinished encodedDataLength, plus
// redirects), with the HTML's own gzip'd size; fails if an article page's
// HTML is over 14,000 B compressed or its whole transfer over 30,000 B, or
// if any request leaves sanald's origin.
'use strict';

const { execFileSync } = require('child_process');
const t = require('./webtest');

const { base, db } = t.args();
const ORIGIN = new URL(base).origin;
const SANALCTL = process.env.SANALCTL || 'sanalctl';
const HTML_MAX = 14000;			// one initial TCP window, ~10 x 1460 B
const TRANSFER_MAX = 30000;
// The two people's numbers: from the command line, else random (a rerun on the
// same database is then not told to wait a minute for a new code).
const rnd = () => String(Math.floor(Math.random() * 10000)).padStart(4, '0');
const PHONE_A = process.argv[4] || `9900${rnd()}`, PHONE_B = process.argv[5] || `9500${rnd()}`;
const COMMENT = 'Малчдын <b>бүлэг</b> & "гэрээ" <script>alert(1)</script> арван жил';

// --- page weight, per navigation ---------------------------------------------------------

class Weight {
	constructor(cdp) {
		this.rows = [];
		this.offsite = [];
		this.pending = new Set();
		this.cur = null;
		cdp.on('Network.requestWillBeSent', e => {
			const u = e.request.url;
			if (u.startsWith('data:')) return;
			if (new URL(u).origin !== ORIGIN) this.offsite.push(u);
			if (!this.cur) return;
			this.pending.add(e.requestId);
			this.cur.requests++;
			if (e.redirectResponse)		// the 303 after a POST
				this.cur.bytes += e.redirectResponse.encodedDataLength || 0;
		});
		cdp.on('Network.responseReceived', e => {
			if (!this.cur || e.type !== 'Document') return;
			const h = {};
			for (const [k, v] of Object.entries(e.response.headers)) h[k.toLowerCase()] = v;
			this.cur.status = e.response.status;
			this.cur.gzip = /gzip/.test(h['content-encoding'] || '');
			this.cur.html = +(h['content-length'] || 0);
		});
		cdp.on('Network.loadingFinished', e => {
			if (!this.cur) return;
			this.cur.bytes += e.encodedDataLength;
			this.pending.delete(e.requestId);
		});
		cdp.on('Network.loadingFailed', e => this.pending.delete(e.requestId));
	}

	start(label) {
		this.pending.clear();
		this.cur = { label, bytes: 0, html: 0, gzip: false, raw: 0, status: 0, requests: 0 };
	}

	// end RAW: the navigation is over (load fired); wait for its last events.
	async end(raw) {
		for (let i = 0; i < 100 && this.pending.size; i++)
			await new Promise(r => setTimeout(r, 20));
		this.cur.raw = raw;
		this.rows.push(this.cur);
		const row = this.cur;
		this.cur = null;
		return row;
	}

	print() {
		const w = Math.max(...this.rows.map(r => r.label.length), 4);
		console.log(`\n${'page'.padEnd(w)}  status  transferred  HTML gzip'd  HTML  requests`);
		for (const r of this.rows) {
			console.log(`${r.label.padEnd(w)}  ${String(r.status).padStart(6)}  ` +
			    `${String(r.bytes).padStart(11)}  ` +
			    `${(r.gzip ? String(r.html) : 'not gzip').padStart(11)}  ` +
			    `${String(r.raw).padStart(5)}  ${String(r.requests).padStart(8)}`);
		}
	}
}

let page, weight, flow = '', sessions = 0;

// nav LABEL ACTION: run ACTION (a goto or a click), which loads a page; record
// its weight; check an article page against the budget. Returns the row.
async function nav(label, action) {
	weight.start(`${flow}: ${label}`);
	const [resp] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
	const body = resp ? await resp.body().catch(() => Buffer.alloc(0)) : Buffer.alloc(0);
	const row = await weight.end(body.length);
	if (/^\/c\/[0-9]+\/a\//.test(new URL(page.url()).pathname)) {
		t.check(`${row.label}: article HTML ${row.html} B gzip'd <= ${HTML_MAX}`,
		    row.gzip && row.html <= HTML_MAX, row.gzip ? `${row.html} B` : 'not gzip\'d');
		t.check(`${row.label}: article transfer ${row.bytes} B <= ${TRANSFER_MAX}`,
		    row.bytes <= TRANSFER_MAX, `${row.bytes} B`);
	}
	return row;
}

const go = (label, path) => nav(label, () => page.goto(base + path));
const click = (label, name) => nav(label, () => page.getByRole('button', { name, exact: true }).click());
const follow = (label, name) => nav(label, () => page.getByRole('link', { name, exact: true }).first().click());

// --- what the page shows -------------------------------------------------------------------

async function h1() { return (await page.locator('main h1').first().innerText()).trim(); }
async function notice() {
	const n = page.locator('main .notice');
	return await n.count() ? (await n.first().innerText()).trim() : '';
}

// cell CAPTION ROW: the number in the results table captioned CAPTION (null:
// the first table), row ROW.
async function cell(caption, row) {
	let tab = page.locator('main table');
	if (caption !== null)
		tab = tab.filter({ has: page.locator('caption', { hasText: caption }) });
	const tr = tab.first().locator('tr').filter({ has: page.locator('th', { hasText: row }) });
	return (await tr.first().locator('td').innerText()).trim();
}

async function signedIn(lang) {
	return await page.locator('header a', { hasText: t.msg(lang, 'w_me') }).count() === 1;
}

// errorSummary LANG ROW FIELD KEY [ERRID]: the page is a form shown again with
// the error summary first in <main>, linked to #FIELD, and "Error:" in the title.
async function errorSummary(lang, row, field, key, errid) {
	const where = `${flow} [${lang}]`;
	t.check(`${where}: status 400`, row.status === 400, `status ${row.status}`);
	const title = await page.title();
	t.check(`${where}: title starts with «${t.msg(lang, 'w_error_prefix')} »`,
	    title.startsWith(`${t.msg(lang, 'w_error_prefix')} `), `title «${title}»`);
	const first = page.locator('main > *').first();
	t.check(`${where}: the error summary comes first in <main>`,
	    /\berrors\b/.test(await first.getAttribute('class') || ''),
	    `first is <${await first.evaluate(e => e.tagName.toLowerCase())} class="${await first.getAttribute('class')}">`);
	t.check(`${where}: summary heading «${t.msg(lang, 'w_error_summary')}»`,
	    (await first.locator('h2').innerText()).trim() === t.msg(lang, 'w_error_summary'));
	const a = first.locator('a').first();
	t.check(`${where}: summary links to #${field}`, await a.getAttribute('href') === `#${field}`,
	    `href ${await a.getAttribute('href')}`);
	t.check(`${where}: summary says «${t.msg(lang, key)}»`,
	    (await a.innerText()).trim() === t.msg(lang, key), await a.innerText());
	t.check(`${where}: #${field} exists`, await page.locator(`#${field}`).count() === 1);
	const e = page.locator(`#${errid || field}-error`);
	t.check(`${where}: the same words by the field`, await e.count() === 1 &&
	    (await e.innerText()).trim() === t.msg(lang, key));
}

function report(code) {
	const out = execFileSync(SANALCTL, ['-d', db, 'report', code, '--format', 'json'],
	    { encoding: 'utf8' });
	return JSON.parse(out);
}

// --- the flows -----------------------------------------------------------------------------

// From an article to the sign-in page, a wrong code, the right one, back.
async function flowSignIn() {
	flow = 'sign in';
	const L = 'mn';
	await go('article, signed out', '/c/12/a/3');
	t.check(`${flow}: article heading`, (await h1()).startsWith(t.msg(L, 'w_article_n', 3)), await h1());
	await follow('sign-in page', t.msg(L, 'w_sign_in_to_vote'));
	t.check(`${flow}: heading «${t.msg(L, 'w_sign_in_title')}»`, await h1() === t.msg(L, 'w_sign_in_title'), await h1());
	t.check(`${flow}: the form returns to the article`,
	    await page.inputValue('input[name=return]') === '/c/12/a/3');
	const en = await page.locator('header a[hreflang=en]').getAttribute('href');
	t.check(`${flow}: the English link keeps the page to return to`, /[?&]return=/.test(en),
	    `href="${en}": signing in in English would end on /me, not on the article`);
	await page.fill('#phone', PHONE_A);
	let row = await click('number sent', t.msg(L, 'w_get_code'));
	t.check(`${flow}: code page «${t.msg(L, 'w_code_title')}»`, await h1() === t.msg(L, 'w_code_title'), await h1());
	t.check(`${flow}: the number shown masked`, (await page.locator('main').innerText())
	    .includes(t.msg(L, 'w_code_sent', t.masked(PHONE_A))));
	t.check(`${flow}: code field autocomplete=one-time-code`,
	    await page.getAttribute('#code', 'autocomplete') === 'one-time-code');
	const code = t.lastCode(db);
	sessions = +t.sql(db, 'SELECT count(*) FROM web_session');
	t.check(`${flow}: a 6-digit code in the outbox`, /^[0-9]{6}$/.test(code), code);

	flow = 'wrong code';
	await page.fill('#code', String((+code[0] + 1) % 10) + code.slice(1));
	row = await click('wrong code', t.msg(L, 'w_sign_in_button'));
	await errorSummary(L, row, 'code', 'w_code_wrong');
	t.check(`${flow}: not signed in`, !(await signedIn(L)));

	flow = 'sign in';
	await page.fill('#code', `${code.slice(0, 3)} ${code.slice(3)}`);	// as pasted
	await click('right code', t.msg(L, 'w_sign_in_button'));
	t.check(`${flow}: back on the article`, new URL(page.url()).pathname === '/c/12/a/3', page.url());
	t.check(`${flow}: signed in (header links to ${t.msg(L, 'w_me')})`, await signedIn(L));
	t.check(`${flow}: the article's form`, await page.locator('#choice-support').count() === 1);
	t.check(`${flow}: a new session in the database`,
	    +t.sql(db, 'SELECT count(*) FROM web_session') === sessions + 1);
}

// The whole draft: question, check answers, confirm; then change the vote.
async function flowVote() {
	const L = 'mn';
	const before = report('12').votes;
	for (const [choice, label] of [['support', 'vote'], ['oppose', 'change the vote']]) {
		flow = label;
		await go('draft overview', '/c/12');
		await follow('vote question', t.msg(L, 'w_vote_whole'));
		t.check(`${flow}: the question is the heading`, /\?$/.test(await h1()), await h1());
		await page.check(`#choice-${choice}`);
		await click('check answers', t.msg(L, 'w_continue'));
		t.check(`${flow}: «${t.msg(L, 'w_check_title')}»`, await h1() === t.msg(L, 'w_check_title'), await h1());
		const dd = await page.locator('main dd').nth(1).innerText();
		const want = t.msg(L, choice === 'support' ? 'w_support' : 'w_oppose');
		t.check(`${flow}: check answers shows «${want}»`, dd.startsWith(want), dd);
		await click('vote done', t.msg(L, 'w_confirm_vote'));
		t.check(`${flow}: «${t.msg(L, 'w_vote_done_title')}»`, await h1() === t.msg(L, 'w_vote_done_title'), await h1());
		const id = t.sql(db, "SELECT id FROM audit WHERE action = 'vote' AND item_code = '12' ORDER BY id DESC LIMIT 1");
		t.check(`${flow}: the receipt is the audit row (12-${id})`,
		    await notice() === t.msg(L, 'w_receipt', `12-${id}`), await notice());
		await follow('draft overview', t.msg(L, 'w_back_to_draft'));
	}
	const after = report('12').votes;
	t.check(`${flow}: sanalctl report counts one vote, the new one (oppose ${before.oppose} -> ${after.oppose})`,
	    after.support === before.support && after.oppose === before.oppose + 1,
	    JSON.stringify({ before, after }));
	t.check(`${flow}: the overview's table shows it`,
	    await cell(t.msg(L, 'w_results'), t.msg(L, 'w_oppose')) === String(after.oppose));
	t.check(`${flow}: audit says what it replaced`, t.sql(db,
	    "SELECT detail FROM audit WHERE action = 'vote' ORDER BY id DESC LIMIT 1") === 'oppose was support');
}

// An article: the empty form's error, then a vote and a comment.
async function flowArticle() {
	flow = 'article, nothing chosen';
	const L = 'mn';
	await go('article', '/c/12/a/3');
	const support = +(await cell(t.msg(L, 'w_article_results'), t.msg(L, 'w_support')));
	let row = await click('empty form', t.msg(L, 'w_send'));
	await errorSummary(L, row, 'choice-support', 'w_choose_or_write', 'choice');

	flow = 'article, vote and comment';
	await page.check('#choice-support');
	await page.fill('#comment', COMMENT);
	row = await click('sent', t.msg(L, 'w_send'));
	const id = t.sql(db, "SELECT id FROM audit WHERE action = 'comment' ORDER BY id DESC LIMIT 1");
	t.check(`${flow}: «thank you» notice with its number`,
	    await notice() === t.msg(L, 'w_thanks', `12-${id}`), await notice());
	t.check(`${flow}: the table counts the vote`,
	    await cell(t.msg(L, 'w_article_results'), t.msg(L, 'w_support')) === String(support + 1));
	const first = page.locator('main ol.comments > li').first();
	t.check(`${flow}: the comment is listed first, as written`,
	    (await first.locator('p').first().innerText()).trim() === COMMENT,
	    await first.locator('p').first().innerText());
	t.check(`${flow}: and escaped (no <b> or <script> in the list)`,
	    await page.locator('main ol.comments b, main ol.comments script').count() === 0);
	t.check(`${flow}: stored as written, by the web`, t.sql(db,
	    "SELECT article || '|' || channel || '|' || text_raw FROM comment " +
	    'ORDER BY id DESC LIMIT 1') === `3|web|${COMMENT}`);
}

// In English: an article's vote and comment, its comment pages and the help
// link keep the language.
async function flowEnglish() {
	flow = 'article in English';
	const L = 'en';
	await go('article', '/c/12/a/3?lang=en');
	t.check(`${flow}: the article in English`, await page.getAttribute('html', 'lang') === 'en');
	await page.check('#choice-oppose');
	await page.fill('#comment', 'Ten years would be better.');
	await click('sent', t.msg(L, 'w_send'));
	t.check(`${flow}: the page after sending is still in English (${page.url()})`,
	    await page.getAttribute('html', 'lang') === 'en',
	    `<html lang="${await page.getAttribute('html', 'lang')}">, notice «${await notice()}»`);
	await go('article', '/c/12/a/3?lang=en');
	const heading = await page.locator('main h2#comments').innerText();
	const n = +(/([0-9]+)/.exec(heading) || [0, 0])[1];
	const older = page.getByRole('link', { name: t.msg(L, 'w_older'), exact: true });
	if (n > 10) {
		flow = 'older comments in English';
		t.check(`${flow}: ${n} comments, a link to older ones`, await older.count() === 1);
		await follow('page 2', t.msg(L, 'w_older'));
		t.check(`${flow}: page 2 lists the rest`,
		    await page.locator('main ol.comments > li').count() === Math.min(n - 10, 10));
		t.check(`${flow}: page 2 is still in English (${page.url()})`,
		    await page.getAttribute('html', 'lang') === 'en',
		    `<html lang="${await page.getAttribute('html', 'lang')}">`);
	} else
		console.log(`note: ${n} comments on article 3, no second page to follow`);
	flow = 'help in English';
	await go('article', '/c/12/a/3?lang=en');
	await follow('help', t.msg(L, 'w_help'));
	t.check(`${flow}: the help link leads to the English help (${page.url()})`,
	    await page.getAttribute('html', 'lang') === 'en',
	    `<html lang="${await page.getAttribute('html', 'lang')}">`);
}

// The petition: check, sign, receipt; a second time says "already signed".
async function flowSign() {
	flow = 'sign the petition';
	const L = 'mn';
	await go('petition', '/p/31');
	const n = +(await cell(null, t.msg(L, 'w_signed')));
	await follow('sign check', t.msg(L, 'w_sign_button'));
	t.check(`${flow}: «${t.msg(L, 'w_sign_check_title')}»`, await h1() === t.msg(L, 'w_sign_check_title'), await h1());
	await click('signed', t.msg(L, 'w_sign_confirm'));
	t.check(`${flow}: «${t.msg(L, 'w_signed_title')}»`, await h1() === t.msg(L, 'w_signed_title'), await h1());
	const id = t.sql(db, "SELECT id FROM audit WHERE action = 'sign' ORDER BY id DESC LIMIT 1");
	t.check(`${flow}: the receipt`, await notice() === t.msg(L, 'w_receipt', `31-${id}`), await notice());
	await follow('petition', t.msg(L, 'w_back_to_petition'));
	t.check(`${flow}: the table counts the signature`,
	    await cell(null, t.msg(L, 'w_signed')) === String(n + 1), `before ${n}`);

	flow = 'sign again';
	await follow('sign check', t.msg(L, 'w_sign_button'));
	await click('signed before', t.msg(L, 'w_sign_confirm'));
	t.check(`${flow}: «${t.msg(L, 'w_signed_before')}»`, await h1() === t.msg(L, 'w_signed_before'), await h1());
	t.check(`${flow}: one signature in the database`, t.sql(db,
	    "SELECT count(*) FROM signature s JOIN item i ON i.id = s.item_id WHERE i.code = '31'") === String(n + 1));
}

// /me lists it all; sign out; /me then asks to sign in.
async function flowSignOut() {
	flow = 'my data';
	const L = 'mn';
	await go('/me', '/me');
	t.check(`${flow}: «${t.msg(L, 'w_me_title')}»`, await h1() === t.msg(L, 'w_me_title'), await h1());
	const rec = await page.locator('main table').innerText();
	t.check(`${flow}: lists the comment as written`, rec.includes(COMMENT));
	t.check(`${flow}: lists the signature`, rec.includes(t.msg(L, 'w_rec_signature', 31)));

	flow = 'sign out';
	const n = +t.sql(db, 'SELECT count(*) FROM web_session');
	await click('signed out', t.msg(L, 'w_sign_out'));
	t.check(`${flow}: home page`, new URL(page.url()).pathname === '/', page.url());
	t.check(`${flow}: header offers to sign in`, !(await signedIn(L)) &&
	    await page.locator('header a', { hasText: t.msg(L, 'w_sign_in') }).count() === 1);
	t.check(`${flow}: the session is gone from the database`,
	    +t.sql(db, 'SELECT count(*) FROM web_session') === n - 1);
	await go('/me, signed out', '/me');
	t.check(`${flow}: /me asks to sign in`, await h1() === t.msg(L, 'w_sign_in_title'), await h1());
}

// The sign-in form's errors, in Mongolian and English: the number is kept.
async function flowSignInErrors() {
	for (const L of ['mn', 'en']) {
		const q = L === 'mn' ? '' : '?lang=en';
		flow = 'empty number';
		await go('sign-in', `/sign-in${q}`);
		let row = await click('empty number', t.msg(L, 'w_get_code'));
		await errorSummary(L, row, 'phone', 'w_phone_missing');
		flow = 'malformed number';
		await page.fill('#phone', '12ab');
		row = await click('malformed number', t.msg(L, 'w_get_code'));
		await errorSummary(L, row, 'phone', 'w_phone_bad');
		t.check(`${flow} [${L}]: what was typed is kept`, await page.inputValue('#phone') === '12ab',
		    await page.inputValue('#phone'));
		t.check(`${flow} [${L}]: the field points at its error`,
		    (await page.getAttribute('#phone', 'aria-describedby') || '').includes('phone-error'));
	}
}

// A second person, in English, votes before signing in (the check answers
// page comes back after the code), then erases their data.
async function flowErase() {
	flow = 'vote, then sign in';
	const L = 'en';
	await go('vote question', '/c/12/vote?lang=en');
	await page.check('#choice-support');
	await click('sign-in page', t.msg(L, 'w_continue'));
	t.check(`${flow}: asked to sign in`, await h1() === t.msg(L, 'w_sign_in_title'), await h1());
	await page.fill('#phone', PHONE_B);
	await click('number sent', t.msg(L, 'w_get_code'));
	await page.fill('#code', t.lastCode(db));
	await click('check answers', t.msg(L, 'w_sign_in_button'));
	t.check(`${flow}: back on check answers, in English`, await h1() === t.msg(L, 'w_check_title'), await h1());
	const dd = await page.locator('main dd').nth(1).innerText().catch(() => '');
	t.check(`${flow}: the answer given before signing in`, dd.startsWith(t.msg(L, 'w_support')), dd);
	await click('vote done', t.msg(L, 'w_confirm_vote'));
	t.check(`${flow}: «${t.msg(L, 'w_vote_done_title')}»`, await h1() === t.msg(L, 'w_vote_done_title'), await h1());

	flow = 'erase';
	const before = report('12').votes;
	const erased = +t.sql(db, 'SELECT count(*) FROM participant WHERE erased IS NOT NULL');
	await go('/me', '/me?lang=en');
	await follow('/me/erase', t.msg(L, 'w_erase_title'));
	t.check(`${flow}: «${t.msg(L, 'w_erase_title')}»`, await h1() === t.msg(L, 'w_erase_title'), await h1());
	await click('erased', t.msg(L, 'w_erase_button'));
	t.check(`${flow}: home with «${t.msg(L, 'w_erased')}»`, await notice() === t.msg(L, 'w_erased'), await notice());
	t.check(`${flow}: signed out`, !(await signedIn(L)));
	t.check(`${flow}: the number is gone from the database`, +t.sql(db,
	    'SELECT count(*) FROM participant WHERE erased IS NOT NULL AND phone_enc IS NULL ' +
	    'AND phone_hash IS NULL') === erased + 1);
	t.check(`${flow}: the vote stays counted`, JSON.stringify(report('12').votes) === JSON.stringify(before));
	await go('/me, erased', '/me?lang=en');
	t.check(`${flow}: /me asks to sign in again`, await h1() === t.msg(L, 'w_sign_in_title'), await h1());
}

async function main() {
	const t0 = Date.now();
	const browser = await t.launch();
	const ctx = await browser.newContext({ javaScriptEnabled: false,
	    viewport: { width: 360, height: 740 } });
	page = await ctx.newPage();
	page.setDefaultTimeout(10000);
	const cdp = await ctx.newCDPSession(page);
	await cdp.send('Network.enable');
	weight = new Weight(cdp);
	for (const f of [flowSignIn, flowVote, flowArticle, flowEnglish, flowSign, flowSignOut,
	    flowSignInErrors, flowErase]) {
		try {
			await f();
		} catch (e) {
			t.fail(`${flow}: ${String(e.message || e).split('\n')[0]} (at ${page.url()})`);
		}
	}
	await browser.close();
	weight.print();
	t.check(`no request left ${ORIGIN}`, weight.offsite.length === 0, weight.offsite.join(' '));
	console.log(`\nflows: ${weight.rows.length} pages in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	if (t.failures()) {
		console.log(`FAIL flows: ${t.failures()} failed check(s)`);
		process.exit(1);
	}
	console.log('flows: all pass');
}

main().catch(e => { console.log(`FAIL flows: ${e.stack || e}`); process.exit(1); });
