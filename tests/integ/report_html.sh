#!/bin/bash
# SPDX-License-Identifier: ISC
#
# sanalctl report --format html and --format text on a real database: an item
# whose titles are script, image and SVG injections, votes from two aimags,
# a campaign of six copies of a comment carrying markup, a quote an official
# approved from it and a decision whose reason carries markup. The page is a
# whole document in the language asked for (mn by default, en, kk; anything
# else refused), every section's <h2 id> in order, no markup from the data
# (every title, comment and reason escaped), no script, nothing loaded from
# elsewhere, a print style for A4; well-formed (xmllint when installed, else
# a tag balance of our own); --public writes "<5" and leaves small campaigns
# out; --out writes the file and nothing else. The text pads Cyrillic aimag
# names by characters, so counts line up, and has every section.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/integ/lib.sh"
need_sanal
need curl node

export SANAL_NOW=1796097600		# 2026-12-01 12:00 Ulaanbaatar
date() { if [ "$*" = +%s ]; then echo "$SANAL_NOW"; else command date "$@"; fi; }

init_db
ctl consultation add "$top_srcdir/tests/integ/fixtures/web_xss_consultation.json" \
    >>"$T/ctl.log" 2>&1 || { cat "$T/ctl.log"; fail "consultation add web_xss_consultation.json"; }
start_sanald

n=0
send() {	# send PHONE TEXT: one MO straight to sanald, answered 200
	n=$((n + 1))
	kmo "$1" "$2" "rh$n"
	[ "$HTTP_CODE" = 200 ] || fail "MO '$2' from $1: HTTP $HTTP_CODE $HTTP_BODY"
}
for i in 1 2 3 4 5 6; do
	send "9916000$i" "БҮРТГЭЛ Хөвсгөл Мөрөн"
	send "9916000$i" "77 тийм"
done
for i in 7 8; do
	send "9916000$i" "БҮРТГЭЛ Дорнод"
	send "9916000$i" "77 үгүй"
done
COMMENT='<script>alert(1)</script> <img src=x onerror=alert(2)> бэлчээрийн төлбөр хэт өндөр'
for i in 1 2 3 4 5 6; do
	send "8816000$i" "77 1 $COMMENT"
done
ok "$n messages sent"
out=$(ctl analyse 2>&1) || fail "sanalctl analyse: $out"
first=$(sql "SELECT min(id) FROM comment WHERE text_raw LIKE '%onerror%'")
ctl quote approve "$first" --by Болд >>"$T/ctl.log" 2>&1 || { cat "$T/ctl.log"; fail "quote approve"; }
ctl decision add 77 --article 1 --outcome not_adopted \
    --reason '<iframe src="javascript:alert(3)"></iframe> татгалзав' --by Болд \
    >>"$T/ctl.log" 2>&1 || { cat "$T/ctl.log"; fail "decision add 77"; }
ok "a campaign, a quote approved, a decision"

# tags FILE: well-formed, by xmllint when installed (the doctype set aside:
# the page is also XML), else by a tag balance of our own.
tags() {
	if command -v xmllint >/dev/null; then
		sed 1d "$1" | xmllint --noout - || return 1
		return 0
	fi
	node -e '
		const s = require("fs").readFileSync(process.argv[1], "utf8").replace(/^<!doctype html>\n/, "");
		const voids = new Set(["meta", "br", "hr", "img", "input", "link"]), stack = [];
		for (const m of s.matchAll(/<(\/?)([a-z0-9]+)((?:\s+[-a-zA-Z:]+="[^"]*")*)\s*(\/?)>|[<>]/g)) {
			if (m[2] === undefined) throw new Error("a bare " + m[0] + " at " + m.index);
			if (m[1]) { if (stack.pop() !== m[2]) throw new Error("</" + m[2] + "> at " + m.index); }
			else if (!m[4] && !voids.has(m[2])) stack.push(m[2]);
		}
		if (stack.length) throw new Error("unclosed " + stack);
	' "$1"
}

# page FILE LANG: the checks every page passes.
page() {
	local f=$1 lang=$2 ids
	check "$f: a document in $lang" "$(head -2 "$f" | tr '\n' ' ')" "<!doctype html> <html lang=\"$lang\"> "
	tags "$f" || fail "$f is not well-formed"
	grep -qi '<script\|<img\|<iframe\|<svg onload' "$f" &&
	    fail "$f: markup from the data got through: $(grep -oi '.\{30\}\(<script\|<img\|<iframe\).\{10\}' "$f" | head -3)"
	# (the data's own "src=" and "onerror=" are text now: look in tags only)
	grep -o '<[a-z][^>]*>' "$f" | grep -i ' on[a-z]*=\|javascript:\| src=\|^<link' &&
	    fail "$f: a handler, a script address or a source in a tag"
	sed -n 's/.*<style>\(.*\)<\/style>.*/\1/p' "$f" | grep -q 'url(\|@import' &&
	    fail "$f: the style loads something"
	grep -o 'https\?://[^"<]*' "$f" | grep -v '^http://www.w3.org/2000/svg$' &&
	    fail "$f names an address outside"
	grep -q '@media print{@page{size:A4' "$f" || fail "$f: no A4 print style"
	ids=$(grep -o '<h2 id="[a-z-]*"' "$f" | sed 's/.*="//; s/"//' | tr '\n' ' ')
	check "$f: the sections in order" "$ids" \
	    "r-header r-headline r-articles r-aimags r-days r-topics r-campaigns r-quotes r-methods r-decisions "
}

# --- HTML --------------------------------------------------------------------------------
ctl report 77 --format html --lang en --out "$T/77en.html" >"$T/out" 2>&1 ||
    { cat "$T/out"; fail "report 77 --format html --lang en --out"; }
check "--out: nothing on stdout or stderr" "$(wc -c <"$T/out")" 0
page "$T/77en.html" en
grep -qF '&quot;&gt;&lt;img src=x onerror=alert(&#39;t2&#39;)&gt;' "$T/77en.html" ||
    fail "the English title is not there, escaped"
grep -qF '&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt;' "$T/77en.html" ||
    fail "the campaign's text is not there, escaped"
grep -qF '&lt;iframe src=&quot;javascript:alert(3)&quot;&gt;&lt;/iframe&gt; татгалзав' "$T/77en.html" ||
    fail "the decision's reason is not there, escaped"
grep -q "<th scope=\"row\">$first</th>" "$T/77en.html" || fail "the quote's id is not there"
grep -q '<strong class="badge">' "$T/77en.html" && fail "nothing is contested here"
grep -q 'Participants chose themselves' "$T/77en.html" || fail "no methods"
grep -q 'Data as of 2026-12-01T12:00:00+08:00' "$T/77en.html" || fail "no data as of"
ok "--lang en: every text escaped, the quote and the decision, methods"

ctl report 77 --format html >"$T/77mn.html" || fail "report 77 --format html"
page "$T/77mn.html" mn
grep -q '<h2 id="r-methods">Арга зүй, анхааруулга</h2>' "$T/77mn.html" || fail "mn headings"
grep -qF 'Бэлчээр &lt;script&gt;alert(&#39;t1&#39;)&lt;/script&gt;' "$T/77mn.html" ||
    fail "the Mongolian title is not there, escaped"
ctl report 77 --format html --lang kk --out - >"$T/77kk.html" || fail "report 77 --lang kk --out -"
page "$T/77kk.html" kk
ok "Mongolian by default, Kazakh; --out - is stdout"

ctl report 77 --format html --public --lang en >"$T/77pub.html" || fail "report 77 --format html --public"
page "$T/77pub.html" en
grep -q '<td class="n">&lt;5</td>' "$T/77pub.html" || fail "--public: no <5"
grep -q '>Дорнод</text>' "$T/77pub.html" && fail "--public: Dornod's 2 votes have a bar"
grep -q 'Болд' "$T/77pub.html" && fail "--public: the approving official's name"
ok "--public: <5 in the tables, no bar for a small count"

for bad in "--lang xx" "--lang en --format json" "--section days --format html" "--bom --format html"; do
	# shellcheck disable=SC2086
	if ctl report 77 --format html $bad >"$T/bad.out" 2>&1; then fail "report 77 $bad accepted"; fi
	grep -q '^usage:' "$T/bad.out" || fail "$bad: $(cat "$T/bad.out")"
done
ok "a wrong language, --lang or --section elsewhere: usage"

# --- CSV sections ------------------------------------------------------------------------
ctl report 77 --format csv --section campaigns >"$T/camp.csv" || fail "report 77 --section campaigns"
check "campaigns.csv header" "$(head -1 "$T/camp.csv" | tr -d '\r')" \
    "code,campaign,comments,text,first_seen,last_seen,channels,aimags"
check_re "campaigns.csv: the campaign" "$(sed -n 2p "$T/camp.csv")" '^77,[0-9]+,6,<script>'
if ctl report 77 --format csv --section nope >"$T/nope.out" 2>&1; then fail "--section nope accepted"; fi
grep -q 'no section "nope"' "$T/nope.out" && grep -q '^sections: articles days topics campaigns quotes decisions soums' "$T/nope.out" ||
    fail "--section nope: $(cat "$T/nope.out")"
ok "--section: the table; an unknown one names those there are"

# --- text --------------------------------------------------------------------------------
ctl report 77 --format text >"$T/77.txt" || fail "report 77 --format text"
for s in 'by channel' 'by article (busiest first)' 'by aimag' 'by day (Ulaanbaatar)' \
    'comments by stance and topic' 'campaigns: 1;' 'representative comments (approved): 1' \
    'methods and caveats' 'decisions (you said, we did)'; do
	grep -qF "$s" "$T/77.txt" || fail "text: no \"$s\""
done
node -e '
	const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n");
	const end = re => { const l = lines.find(x => re.test(x)); return [...l.replace(/\s+$/, "")].length; };
	const k = end(/^  Хөвсгөл /), d = end(/^  Дорнод /), u = end(/^  unknown /);
	if (k !== d || k !== u) throw new Error("columns end at " + [k, d, u]);
' "$T/77.txt" || fail "text: aimag lines not aligned: $(grep -A4 '^by aimag' "$T/77.txt")"
ok "text: every section, Cyrillic padded by characters"
