#!/bin/bash
# SPDX-License-Identifier: ISC
#
# sanalctl report --format xlsx --out FILE: a zip (PK\3\4) whose worksheet
# "report" holds the CSV's header (bold) and rows, counts as numbers, Cyrillic
# intact; worksheet "totals" the exact totals; then one worksheet per section
# (articles, days, topics, campaigns, quotes) under the columns of
# report --format csv --section, and "methods" with the figures and each
# caveat in Mongolian and English; --public writes 1 to 4 as the string "<5".
# A title a spreadsheet would run as a formula is a string cell, as it is,
# and no worksheet holds an <f> element. Without --out, with "--out -" or a
# terminal, and with --out on another format, it refuses. Read with unzip
# and node (no spreadsheet library: not the writer's code).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/integ/lib.sh"
need_sanal
need curl node unzip od

# One clock for sanald, sanalctl and the messages' ts: days and "as of" are known.
export SANAL_NOW=1796097600		# 2026-12-01 12:00 Ulaanbaatar
date() { if [ "$*" = +%s ]; then echo "$SANAL_NOW"; else command date "$@"; fi; }

init_db
ctl consultation add "$top_srcdir/tests/integ/fixtures/open_data_formula.json" \
    >>"$T/ctl.log" 2>&1 || { cat "$T/ctl.log"; fail "consultation add open_data_formula.json"; }
start_sanald

# 5 supporters in Khövsgöl (67), 2 opponents in Dornod (21), a comment from
# someone who never said where they live, a vote on 55.
n=0
send() {	# send PHONE TEXT: one MO straight to sanald, answered 200
	n=$((n + 1))
	kmo "$1" "$2" "xl$n"
	[ "$HTTP_CODE" = 200 ] || fail "MO '$2' from $1: HTTP $HTTP_CODE $HTTP_BODY"
}
for i in 1 2 3 4 5; do
	send "9918000$i" "БҮРТГЭЛ Хөвсгөл Мөрөн"
	send "9918000$i" "12 тийм"
done
for i in 6 7; do
	send "9918000$i" "БҮРТГЭЛ Дорнод"
	send "9918000$i" "12 үгүй"
done
send 99180008 "12 3 Гэрээний хугацаа хэт богино"
send 88180009 "55 тийм"
ok "$n messages sent"

TITLE12='Бэлчээрийн тухай хуулийн төсөл'
TITLE55='=cmd|'"'"' /C calc'"'"'!A0, "Бэлчээр"'

# sheets FILE: each worksheet of the workbook as one JSON line, an array of
# rows, each an array of cells: numbers as numbers, strings (shared or
# inline) as strings, an empty cell as "". Fails on an <f> element.
sheets() {
	local d=$T/unz.$RANDOM
	mkdir -p "$d"
	unzip -qo "$1" -d "$d" || return 1
	node -e '
		const fs = require("fs"), dir = process.argv[1];
		const xml = s => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">")
		    .replace(/&quot;/g, "\"").replace(/&apos;/g, "'"'"'").replace(/&amp;/g, "&");
		const text = si => [...si.matchAll(/<t(?: [^>]*)?>([^<]*)<\/t>/g)].map(m => xml(m[1])).join("");
		let sst = [];
		if (fs.existsSync(dir + "/xl/sharedStrings.xml"))
			sst = [...fs.readFileSync(dir + "/xl/sharedStrings.xml", "utf8")
			    .matchAll(/<si>([\s\S]*?)<\/si>/g)].map(m => text(m[1]));
		const col = r => [...r.match(/^[A-Z]+/)[0]].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
		for (let i = 1; fs.existsSync(dir + "/xl/worksheets/sheet" + i + ".xml"); i++) {
			const s = fs.readFileSync(dir + "/xl/worksheets/sheet" + i + ".xml", "utf8");
			if (/<f[ >]/.test(s)) throw new Error("sheet" + i + " holds a formula");
			const rows = [];
			for (const row of s.matchAll(/<row [^>]*>([\s\S]*?)<\/row>/g)) {
				const cells = [];
				for (const c of row[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
					const t = (c[2].match(/ t="(\w+)"/) || [])[1], body = c[3] || "";
					const bold = / s="[1-9]/.test(c[2]);
					let v = (body.match(/<v>([^<]*)<\/v>/) || [])[1];
					if (t === "s") v = sst[Number(v)];
					else if (t === "inlineStr") v = text(body);
					else if (t === undefined && v !== undefined) v = Number(v);
					else if (t === "b") v = v === "1";
					else if (t !== undefined) throw new Error("cell type " + t);
					while (cells.length < col(c[1])) cells.push("");
					cells.push(v === undefined ? "" : v);
					if (rows.length === 0 && !bold) throw new Error("header " + c[1] + " has no style");
				}
				rows.push(cells);
			}
			console.log(JSON.stringify(rows));
		}
	' "$d"
}

# want NAME FILE JSON...: FILE's first worksheets are the JSON lines given.
want() {
	local name=$1 file=$2 got
	shift 2
	got=$(sheets "$file" | head -n $#) || fail "$name: cannot read $file as a workbook"
	[ "$got" = "$(printf '%s\n' "$@")" ] ||
	    { printf 'want:\n%s\ngot:\n%s\n' "$(printf '%s\n' "$@")" "$got"; fail "$name differs"; }
}
# sheet FILE N: worksheet N (from 1) as one JSON line.
sheet() { sheets "$1" | sed -n "${2}p"; }
HEADER='["code","title","what","channel","aimag","aimag_name","n"]'
TOTALS='[["total","n"],["support",5],["oppose",2],["signatures",0],["comments",1],["participants",8],["comments_without_campaigns",1]]'

# --- the workbook ----------------------------------------------------------------------
ctl report 12 --format xlsx --out "$T/12.xlsx" >"$T/12.out" 2>&1 ||
    { cat "$T/12.out"; fail "report 12 --format xlsx --out"; }
check "nothing on stdout or stderr" "$(wc -c <"$T/12.out")" 0
check "a zip" "$(head -c 4 "$T/12.xlsx" | od -An -tx1 | tr -d ' ')" 504b0304
# (Each member read into a variable first: grep -q closing a pipe early
# would kill unzip with SIGPIPE under pipefail.)
part=$(unzip -l "$T/12.xlsx") || fail "unzip -l 12.xlsx"
grep -q ' xl/worksheets/sheet1.xml$' <<<"$part" || fail "no xl/worksheets/sheet1.xml: $part"
part=$(unzip -p "$T/12.xlsx" xl/workbook.xml) || fail "no xl/workbook.xml"
names=$(grep -o '<sheet name="[a-z]*"' <<<"$part" | sed 's/.*="//; s/"//' | tr '\n' ' ')
check "worksheets" "$names" "report totals articles days topics campaigns quotes methods "
part=$(unzip -p "$T/12.xlsx" xl/styles.xml) || fail "no xl/styles.xml"
grep -q '<b/>' <<<"$part" || fail "no bold font in styles.xml"
ok "a zip with worksheets report and totals, a bold style"
want "report 12 xlsx" "$T/12.xlsx" \
    "[$HEADER,[\"12\",\"$TITLE12\",\"comment\",\"sms\",\"\",\"\",1],[\"12\",\"$TITLE12\",\"oppose\",\"sms\",\"21\",\"Дорнод\",2],[\"12\",\"$TITLE12\",\"support\",\"sms\",\"67\",\"Хөвсгөл\",5]]" \
    "$TOTALS"
ok "report 12: the CSV's rows, counts as numbers, Cyrillic intact; exact totals"
part=$(unzip -p "$T/12.xlsx" xl/worksheets/sheet1.xml) || fail "no sheet1.xml"
grep -q '<v>5</v>' <<<"$part" || fail "the count 5 is not a <v> number"

# The sections: each sheet's header is report --format csv --section's.
i=3
for sec in articles days topics campaigns quotes; do
	head=$(ctl report 12 --format csv --section "$sec" | head -1 | tr -d '\r') ||
	    fail "report 12 --section $sec"
	got=$(sheet "$T/12.xlsx" $i | node -e '
		const rows = JSON.parse(require("fs").readFileSync(0, "utf8"));
		console.log(rows[0].join(","));') || fail "sheet $i ($sec)"
	check "sheet $sec: the CSV's columns" "$got" "$head"
	i=$((i + 1))
done
sheet "$T/12.xlsx" 3 | node -e '
	const rows = JSON.parse(require("fs").readFileSync(0, "utf8"));
	const a3 = rows.find(r => r[1] === "3");
	const want = ["12", "3", "Бэлчээр ашиглах гэрээ", 0, 0, "", 1];
	for (let i = 0; i < want.length; i++)
		if (a3[i] !== want[i]) throw new Error("article 3 cell " + i + ": " + JSON.stringify(a3));
	if (a3[14] !== false) throw new Error("contested is not the boolean false: " + JSON.stringify(a3));
	if (rows.length !== 8) throw new Error("not 7 articles: " + rows.length);
' || fail "sheet articles: $(sheet "$T/12.xlsx" 3)"
check "sheet days" "$(sheet "$T/12.xlsx" 4)" \
    '[["code","day","votes","comments","signatures"],["12","2026-12-01",7,1,0]]'
methods=$(sheet "$T/12.xlsx" 8)
node -e '
	const rows = JSON.parse(process.argv[1]);
	const v = k => (rows.find(r => r[0] === k) || [])[1];
	if (rows[0].join() !== "what,value") throw new Error("header " + rows[0]);
	if (v("as_of") !== "2026-12-01T12:00:00+08:00") throw new Error("as_of " + v("as_of"));
	if (v("timezone") !== "Asia/Ulaanbaatar") throw new Error("timezone");
	if (v("margin_of_error") !== "none: an opt-in sample") throw new Error("margin");
	const head = rows.findIndex(r => r[0] === "mn" && r[1] === "en");
	if (head < 0) throw new Error("no mn/en caveats");
	const mn = rows.slice(head + 1).map(r => r[0]).join(" "), en = rows.slice(head + 1).map(r => r[1]).join(" ");
	if (!/Participants chose themselves/.test(en) || !/No margin of error/.test(en))
		throw new Error("en caveats: " + en);
	if (!/Оролцогчид өөрсдөө/.test(mn)) throw new Error("mn caveats: " + mn);
' "$methods" || fail "sheet methods: $methods"
ok "sheets articles, days and methods: numbers, booleans, caveats in mn and en"

ctl report 12 --format xlsx --public --out "$T/12public.xlsx" || fail "report 12 --format xlsx --public"
want "report 12 xlsx --public" "$T/12public.xlsx" \
    "[$HEADER,[\"12\",\"$TITLE12\",\"comment\",\"sms\",\"\",\"\",\"<5\"],[\"12\",\"$TITLE12\",\"oppose\",\"sms\",\"21\",\"Дорнод\",\"<5\"],[\"12\",\"$TITLE12\",\"support\",\"sms\",\"67\",\"Хөвсгөл\",5]]" \
    "$TOTALS"
ok "--public: 1 and 2 as the string <5, 5 a number, totals exact"
sheet "$T/12public.xlsx" 3 | node -e '
	const rows = JSON.parse(require("fs").readFileSync(0, "utf8"));
	const a3 = rows.find(r => r[1] === "3");
	if (a3[6] !== "<5") throw new Error("article 3 comments: " + JSON.stringify(a3));
' || fail "--public: sheet articles"
check "--public: sheet days" "$(sheet "$T/12public.xlsx" 4)" \
    '[["code","day","votes","comments","signatures"],["12","2026-12-01",7,"<5",0]]'

ctl report 55 --format xlsx --out "$T/55.xlsx" || fail "report 55 --format xlsx"
title=$(sheets "$T/55.xlsx" | sed -n 1p | node -e '
	const rows = JSON.parse(require("fs").readFileSync(0, "utf8"));
	console.log(rows[1][1]);') || fail "55.xlsx: no title cell (or a formula)"
check "the formula title, a string as it is" "$title" "$TITLE55"
for f in $(unzip -Z1 "$T/55.xlsx" 'xl/worksheets/*.xml'); do
	part=$(unzip -p "$T/55.xlsx" "$f") || fail "unzip -p 55.xlsx $f"
	grep -q '<f[ >]' <<<"$part" && fail "$f holds an <f> element"
done
ok "no <f> in any worksheet of 55.xlsx"

# --- refusals --------------------------------------------------------------------------
if ctl report 12 --format xlsx >"$T/noout.out" 2>"$T/noout.err"; then fail "xlsx without --out accepted"; fi
check "xlsx without --out: nothing on stdout" "$(wc -c <"$T/noout.out")" 0
grep -q -- '--out FILE.xlsx' "$T/noout.err" || fail "xlsx without --out: $(cat "$T/noout.err")"
ok "xlsx without --out refused: $(head -1 "$T/noout.err")"
for out in - /dev/null; do
	if ctl report 12 --format xlsx --out "$out" >"$T/dash.out" 2>"$T/dash.err"; then
		fail "xlsx --out $out accepted"
	fi
	check "--out $out: nothing on stdout" "$(wc -c <"$T/dash.out")" 0
	grep -q 'binary file' "$T/dash.err" || fail "--out $out: $(cat "$T/dash.err")"
done
ok "--out - and a device refused"
if ctl report 12 --format csv --out "$T/x.csv" 2>"$T/csvout.err"; then fail "--out with csv accepted"; fi
grep -q '^usage:' "$T/csvout.err" || fail "--out with csv: $(cat "$T/csvout.err")"
if ctl report 12 --format xlsx --out "$T/no/such/dir/12.xlsx" 2>"$T/nodir.err"; then
	fail "xlsx into a missing directory succeeded"
fi
grep -q 'cannot write the workbook: .*no/such/dir/12.xlsx' "$T/nodir.err" || fail "missing dir: $(cat "$T/nodir.err")"
ok "a path that cannot be written: $(cat "$T/nodir.err")"
if ctl report 99 --format xlsx --out "$T/99.xlsx" 2>/dev/null; then fail "report 99 xlsx succeeded"; fi
[ -e "$T/99.xlsx" ] && fail "report 99 left a file"
ok "an unknown code writes no file"
