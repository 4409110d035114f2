// SPDX-License-Identifier: ISC
//
// What tests/web/a11y.js and tests/web/flows.js share: Chromium from Debian
// (/usr/bin/chromium) driven by npm playwright-core, the texts of the pages
// read from the ICU bundles in locales/ (so a test asserts on what the page
// must say, not on a copy of it), the security code read from the outbox of
// sanald's database with sqlite3, and signing in through the real pages.
//
// Both scripts take the same first arguments:
//   node tests/web/SCRIPT.js BASE_URL DB [PHONE...]
// BASE_URL is sanald's http://127.0.0.1:PORT, DB its SQLite file (read only,
// for the security code and the checks), PHONE the numbers to sign in with. They print "ok ..." lines, "FAIL ..."
// lines, and exit 1 on any failure.
'use strict';

const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const TOP = path.resolve(__dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

let nfail = 0;

function ok(msg) { console.log(`ok   ${msg}`); }

// fail MSG: one failed check; the script goes on and exits 1 at the end.
function fail(msg) { nfail++; console.log(`FAIL ${msg}`); }

function failures() { return nfail; }

// check DESC COND [DETAIL]: an assertion that lets the script go on.
function check(desc, cond, detail) {
	if (cond) ok(desc);
	else fail(detail === undefined ? desc : `${desc}: ${detail}`);
	return !!cond;
}

// The bundle's "key { "text" }" lines of locales/LANG.txt (the w_* keys are
// all one line each).
const bundles = {};
function msgs(lang) {
	if (bundles[lang]) return bundles[lang];
	const m = {};
	const txt = fs.readFileSync(path.join(TOP, 'locales', `${lang}.txt`), 'utf8');
	for (const line of txt.split('\n')) {
		const r = /^\s*([A-Za-z0-9_]+)\s*\{\s*"((?:[^"\\]|\\.)*)"\s*\}\s*$/.exec(line);
		if (!r) continue;
		m[r[1]] = r[2].replace(/\\u([0-9a-fA-F]{4})/g,
		    (_, h) => String.fromCharCode(parseInt(h, 16))).replace(/\\(.)/g, '$1');
	}
	bundles[lang] = m;
	return m;
}

// msg LANG KEY ARGS...: a text of the bundle with its {0} {1} filled in.
function msg(lang, key, ...args) {
	const s = msgs(lang)[key];
	if (s === undefined) throw new Error(`no ${key} in locales/${lang}.txt`);
	return s.replace(/\{(\d)\}/g, (_, i) => String(args[+i]));
}

// sql DB QUERY: the rows of a query as text, one per line (sqlite3 CLI).
function sql(db, query) {
	return execFileSync('sqlite3', ['-batch', '-noheader', '-cmd', '.timeout 10000',
	    db, query], { encoding: 'utf8' }).trim();
}

// The newest security code in the outbox (its SMS starts with the 6 digits).
function lastCode(db) {
	return sql(db, "SELECT substr(text,1,6) FROM outbox WHERE kind='code' " +
	    'ORDER BY id DESC LIMIT 1');
}

async function launch() {
	const { chromium } = require('playwright-core');
	// --no-sandbox: the tests run as root (CI containers). The rest keep
	// Chromium from reaching for Google's hosts, which this closed network
	// refuses, many at a time.
	return chromium.launch({ executablePath: CHROMIUM, headless: true,
	    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
	    '--disable-background-networking', '--disable-component-update',
	    '--disable-sync'] });
}

// "99** **01": how the code page shows an 8-digit number.
function masked(phone) { return `${phone.slice(0, 2)}** **${phone.slice(6, 8)}`; }

// args: BASE_URL DB from the command line.
function args() {
	const [base, db] = process.argv.slice(2);
	if (!base || !db) {
		console.error(`usage: node ${path.basename(process.argv[1])} BASE_URL DB`);
		process.exit(2);
	}
	return { base: base.replace(/\/$/, ''), db };
}

module.exports = { TOP, ok, fail, check, failures, msgs, msg, sql, lastCode, launch,
    masked, args };
