// SPDX-License-Identifier: ISC
//
// What tests/web/admin.js and tests/web/admin_review.js share: axe-core
// (WCAG 2.0/2.1 A and AA and WCAG 2.2 AA rules) and reflow on an officials'
// page as it is, 320 px wide (no horizontal scrolling, WCAG 1.4.10) and 1280 px
// wide, counting the page states and violations; and the two steps of an
// official's sign-in through the real pages (name and password, then the code),
// each in a page of its own.
'use strict';

const fs = require('fs');
const path = require('path');
const t = require('./webtest');

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js',
    { paths: [path.dirname(require.resolve('@axe-core/playwright'))] }), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const WIDTHS = [320, 1280];

// Page states audited and the violations found, for the closing line.
const counts = { pages: 0, violations: 0 };

// audit PAGE LABEL LANG: axe and reflow on the page as it is, at each width.
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
		counts.violations += n;
		t.check(`${where} ${width}px: axe, ${n} violation(s)`, n === 0,
		    r.violations.map(v => v.id).join(', '));
		if (width === 320) {
			const sw = await page.evaluate(() => document.documentElement.scrollWidth);
			t.check(`${where} 320px: no horizontal scroll (scrollWidth ${sw})`, sw <= 320);
		}
	}
	counts.pages++;
}

// submit PAGE BUTTON: click a form's button (a locator, or its exact text) and
// wait for the next page.
async function submit(page, button) {
	if (typeof button === 'string')
		button = page.getByRole('button', { name: button, exact: true });
	const [resp] = await Promise.all([page.waitForNavigation(), button.click()]);
	return resp;
}

// password PAGE NAME PW: the sign-in page's name and password, sent; then the
// code page.
async function password(page, name, pw) {
	await page.fill('#name', name);
	await page.fill('#password', pw);
	await submit(page, t.msg('mn', 'w_continue'));
	t.check(`${name}: the code page`,
	    new URL(page.url()).pathname === '/admin/sign-in/code', page.url());
}

// code PAGE NAME DIGITS LANDING DESC: the code sent; signed in, at LANDING.
async function code(page, name, digits, landing, desc) {
	await page.fill('#code', digits);
	await submit(page, t.msg('mn', 'w_sign_in_button'));
	t.check(`${name}: ${desc}`, new URL(page.url()).pathname === landing, page.url());
}

// newPage BROWSER: a page in a context of its own (its own cookies), 320 px
// wide, waiting 15 s at most.
async function newPage(browser) {
	const ctx = await browser.newContext({ viewport: { width: 320, height: 640 } });
	const page = await ctx.newPage();
	page.setDefaultTimeout(15000);
	return page;
}

module.exports = { WIDTHS, counts, audit, submit, password, code, newPage };
