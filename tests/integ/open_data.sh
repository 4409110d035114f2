#!/bin/bash
# SPDX-License-Identifier: ISC
#
# Exports and open data. sanalctl report --format csv is RFC 4180 (CRLF, quoted
# fields, doubled quotes), UTF-8, parses back to the same cells, and a title
# that a spreadsheet would run as a formula gets a single quote first;
# --bom only adds EF BB BF. sanald's /open/CODE.json and /open/CODE.csv hold
# no phone number, write breakdown counts from 1 to 4 as "<5" with totals
# equal to sanalctl report's, and are what sanalctl report --public prints;
# /open/datapackage.json lists every item's two files with the CSV's columns;
# an unknown code is a JSON 404; the headers say what open data is. Each
# section of the report is a CSV of its own (/open/CODE-articles.csv, -days,
# -topics, -campaigns, -quotes, -decisions), what sanalctl report --format csv
# --section NAME --public prints and the datapackage lists with its columns:
# a campaign of six copies of a text that starts with "=HYPERLINK" and
# holds a phone number, and a quote approved from it, come out with the
# formula neutralised and no phone number; a decision's reason too.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/integ/lib.sh"
need_sanal
need curl node od

# One clock for sanald, sanalctl and the messages' ts: "as of" and days are known.
export SANAL_NOW=1796097600		# 2026-12-01 12:00 Ulaanbaatar
date() { if [ "$*" = +%s ]; then echo "$SANAL_NOW"; else command date "$@"; fi; }

init_db
ctl consultation add "$top_srcdir/tests/integ/fixtures/open_data_formula.json" \
    >>"$T/ctl.log" 2>&1 || { cat "$T/ctl.log"; fail "consultation add open_data_formula.json"; }
start_sanald

# --- what citizens send ---------------------------------------------------------------
# 6 supporters in Khövsgöl (67), 2 opponents in Dornod (21), a comment from
# someone who never said where they live, a vote on 55, a signature on 31.
PHONES=()
n=0
send() {	# send PHONE TEXT: one MO straight to sanald, answered 200
	n=$((n + 1))
	kmo "$1" "$2" "od$n"
	[ "$HTTP_CODE" = 200 ] || fail "MO '$2' from $1: HTTP $HTTP_CODE $HTTP_BODY"
}
for i in 1 2 3 4 5 6; do
	PHONES+=("9917000$i")
	send "9917000$i" "БҮРТГЭЛ Хөвсгөл Мөрөн"
	send "9917000$i" "12 тийм"
done
for i in 7 8; do
	PHONES+=("9917000$i")
	send "9917000$i" "БҮРТГЭЛ Дорнод"
	send "9917000$i" "12 үгүй"
done
PHONES+=(99170009 88170010 88170011)
send 99170009 "12 3 Гэрээний хугацаа 99170009 руу залгаарай"
send 88170010 "55 тийм"
send 88170011 "31 тийм"
# A campaign on petition 31: six people, one text, a formula and a phone number.
CAMPAIGN='=HYPERLINK("http://evil.example/","эмч") Эмч нэмэх хэрэгтэй 99170021 руу залга'
for i in 1 2 3 4 5 6; do
	PHONES+=("8817002$i")
	send "8817002$i" "31 $CAMPAIGN"
done
check "registered in Dornod" "$(sql "SELECT count(*) FROM participant WHERE aimag = '21'")" 2
ok "${#PHONES[@]} people took part"
out=$(ctl analyse 2>&1) || fail "sanalctl analyse: $out"
check "the six copies one campaign" \
    "$(sql "SELECT count(DISTINCT campaign_id) || ' ' || count(*) FROM comment WHERE text_raw LIKE '%HYPERLINK%'")" "1 6"
first=$(sql "SELECT min(id) FROM comment WHERE text_raw LIKE '%HYPERLINK%'")
ctl quote approve "$first" --by Болд >>"$T/ctl.log" 2>&1 || { cat "$T/ctl.log"; fail "quote approve $first"; }
ctl decision add 12 --outcome changed --reason '=1+1 <b>Төлбөрийг</b> бууруулав' --by Болд \
    >>"$T/ctl.log" 2>&1 || { cat "$T/ctl.log"; fail "decision add 12"; }
ok "a campaign, an approved quote, a decision"

TITLE12='Бэлчээрийн тухай хуулийн төсөл'
TITLE55='=cmd|'"'"' /C calc'"'"'!A0, "Бэлчээр"'
CR=$'\r'

# --- sanalctl report --format csv -------------------------------------------------------
ctl report 12 --format csv >"$T/12.csv" 2>"$T/12.err" || { cat "$T/12.err"; fail "report 12 --format csv"; }
printf '%s\r\n' "code,title,what,channel,aimag,aimag_name,n" \
    "12,$TITLE12,comment,sms,,,1" "12,$TITLE12,oppose,sms,21,Дорнод,2" \
    "12,$TITLE12,support,sms,67,Хөвсгөл,6" >"$T/12.want"
cmp -s "$T/12.csv" "$T/12.want" || { diff "$T/12.want" "$T/12.csv" | cat -A; fail "report 12 CSV differs"; }
ok "report 12 --format csv: header and one row per (what, channel, aimag), CRLF"
check "CSV lines without CR" "$(grep -vc "$CR\$" "$T/12.csv")" 0

ctl report 55 --format csv >"$T/55.csv" || fail "report 55 --format csv"
row=$(sed -n 2p "$T/55.csv")
check "the formula title neutralised and quoted" "$row" \
    "55,\"'=cmd|' /C calc'!A0, \"\"Бэлчээр\"\"\",support,sms,,,1$CR"
grep -q '^[^"]*,=' "$T/55.csv" && fail "a cell of the CSV starts with ="
ok "no cell starts with = unquoted"

# csv_parse FILE: an RFC 4180 parser of our own (not the writer's code): one
# JSON array of records per line of output, failing on any stray quote.
csv_parse() {
	node -e '
		const s = require("fs").readFileSync(process.argv[1], "utf8");
		const recs = []; let rec = [], f = "", i = 0, q = false;
		while (i < s.length) {
			const c = s[i];
			if (q) {
				if (c === "\"" && s[i + 1] === "\"") { f += "\""; i += 2; continue; }
				if (c === "\"") { q = false; i++; continue; }
				f += c; i++; continue;
			}
			if (c === "\"") {
				if (f !== "") throw new Error("quote inside a field at " + i);
				q = true; i++; continue;
			}
			if (c === ",") { rec.push(f); f = ""; i++; continue; }
			if (c === "\r" && s[i + 1] === "\n") {
				rec.push(f); recs.push(rec); rec = []; f = ""; i += 2; continue;
			}
			if (c === "\r" || c === "\n") throw new Error("bare CR or LF at " + i);
			f += c; i++;
		}
		if (q || f !== "" || rec.length) throw new Error("no CRLF after the last record");
		for (const r of recs) console.log(JSON.stringify(r));
	' "$1"
}
parsed=$(csv_parse "$T/55.csv") || fail "55.csv does not parse as RFC 4180"
check "55.csv records" "$(printf '%s\n' "$parsed" | grep -c .)" 2
check "55.csv cells read back" "$(printf '%s\n' "$parsed" | sed -n 2p)" \
    "$(node -e 'console.log(JSON.stringify(["55", "'"'"'" + process.argv[1], "support", "sms", "", "", "1"]))' "$TITLE55")"
csv_parse "$T/12.csv" | node -e '
	const recs = require("fs").readFileSync(0, "utf8").trim().split("\n").map(JSON.parse);
	if (!recs.every(r => r.length === 7)) throw new Error("a record without 7 fields");
' || fail "12.csv: every record 7 fields"
ok "12.csv parses back, 7 fields a record"

ctl report 12 --format csv --bom >"$T/12bom.csv" || fail "report 12 --format csv --bom"
check "BOM first" "$(head -c 3 "$T/12bom.csv" | od -An -tx1 | tr -d ' ')" efbbbf
tail -c +4 "$T/12bom.csv" | cmp -s - "$T/12.csv" || fail "--bom changes more than the first 3 bytes"
ok "--bom adds only the BOM"
head -c 3 "$T/12.csv" | od -An -tx1 | grep -q 'ef bb bf' && fail "plain CSV has a BOM"
if ctl report 12 --format json --bom >"$T/bomjson.out" 2>&1; then fail "--bom with json accepted"; fi
ok "--bom only with csv: $(head -1 "$T/bomjson.out")"
ctl report 12 --format csv --public >"$T/12public.csv" || fail "report 12 --format csv --public"

# header NAME: the value of the last response's header NAME.
header() { printf '%s\n' "$HTTP_HEADERS" | sed -n "s/^$1: //Ip" | head -1; }

# --- GET /open/CODE.json ---------------------------------------------------------------------
open_get() {	# open_get NAME: GET /open/NAME into $T/open-NAME, 200 and the open headers
	http GET "/open/$1"
	cp "$T/http.body" "$T/open-$1"
	check "GET /open/$1" "$HTTP_CODE" 200
	check "/open/$1: CORS" "$(header Access-Control-Allow-Origin)" "*"
	check "/open/$1: cache" "$(header Cache-Control)" "public, max-age=60"
}
open_get 12.json
check "12.json type" "$(header Content-Type)" "application/json"
for ph in "${PHONES[@]}"; do
	grep -qF -e "$ph" "$T/open-12.json" && fail "phone $ph in /open/12.json"
done
grep -qF '976' "$T/open-12.json" && fail "976 in /open/12.json"
ok "no phone number in /open/12.json"
ctl report 12 --format json >"$T/12.json" || fail "report 12 --format json"
node -e '
	const fs = require("fs");
	const pub = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
	const all = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
	const eq = (what, a, b) => {
		if (JSON.stringify(a) !== JSON.stringify(b))
			throw new Error(what + ": " + JSON.stringify(a) + " != " + JSON.stringify(b));
	};
	eq("member order", Object.keys(pub).slice(0, 5), ["code", "kind", "votes", "signatures", "comments"]);
	for (const k of ["code", "kind", "votes", "signatures", "comments", "title", "status"])
		eq(k, pub[k], all[k]);
	eq("votes", pub.votes, { support: 6, oppose: 2 });
	eq("comments", pub.comments, 1);
	eq("sms", pub.by_channel.sms, { support: 6, oppose: "<5", signatures: 0, comments: "<5" });
	eq("67", pub.by_aimag["67"], { support: 6, oppose: 0, signatures: 0, comments: 0, name: "Хөвсгөл" });
	eq("21", pub.by_aimag["21"], { support: 0, oppose: "<5", signatures: 0, comments: 0, name: "Дорнод" });
	eq("unknown", pub.by_aimag.unknown.comments, "<5");
	eq("suppressed_below", pub.suppressed_below, 5);
	eq("exact 21", all.by_aimag["21"].oppose, 2);
	eq("as_of", pub.as_of, "2026-12-01T12:00:00+08:00");
	eq("participants", pub.participants, 9);
	eq("by_day", pub.by_day, [{ day: "2026-12-01", votes: 8, comments: "<5", signatures: 0 }]);
	eq("article 3", [pub.by_article[0].number, pub.by_article[0].comments], ["3", "<5"]);
	eq("decision", [pub.decisions[0].article, pub.decisions[0].outcome],
	    [null, "changed"]);
	eq("methods", [pub.methods.self_selected, pub.methods.margin_of_error,
	    pub.methods.timezone], [true, null, "Asia/Ulaanbaatar"]);
	for (const k of ["totals_without_campaigns", "topics", "campaigns", "quotes"])
		if (!(k in pub)) throw new Error("no " + k);
	for (const g of [pub.by_channel, pub.by_aimag, pub.by_day, pub.topics,
	    pub.by_article.map(a => a.by_stance), pub.by_article])
		for (const c of Object.values(g))
			for (const [k, v] of Object.entries(c))
				if (typeof v === "number" && v > 0 && v < 5) throw new Error(k + " = " + v);
' "$T/open-12.json" "$T/12.json" || fail "/open/12.json against sanalctl report 12"
ok "/open/12.json: totals exact, 1-4 shown as <5, nothing from 1 to 4 left"
ctl report 12 --format json --public >"$T/12public.json" || fail "report 12 --format json --public"
[ "$(cat "$T/open-12.json")" = "$(cat "$T/12public.json")" ] ||
    fail "/open/12.json is not report 12 --format json --public"
ok "/open/12.json is report 12 --format json --public"

# --- GET /open/CODE.csv ----------------------------------------------------------------------
open_get 12.csv
check "12.csv type" "$(header Content-Type)" "text/csv; charset=utf-8; header=present"
printf '%s\r\n' "code,title,what,channel,aimag,aimag_name,n" \
    "12,$TITLE12,comment,sms,,,<5" "12,$TITLE12,oppose,sms,21,Дорнод,<5" \
    "12,$TITLE12,support,sms,67,Хөвсгөл,6" >"$T/12public.want"
cmp -s "$T/open-12.csv" "$T/12public.want" || { diff "$T/12public.want" "$T/open-12.csv" | cat -A; fail "/open/12.csv differs"; }
cmp -s "$T/open-12.csv" "$T/12public.csv" || fail "/open/12.csv is not report 12 --format csv --public"
ok "/open/12.csv: 1 and 2 shown as <5, 6 exact; the same as report --public"
head -c 3 "$T/open-12.csv" | od -An -tx1 | grep -q 'ef bb bf' && fail "open CSV has a BOM"
open_get 55.csv
check "/open/55.csv title row" "$(sed -n 2p "$T/open-55.csv")" \
    "55,\"'=cmd|' /C calc'!A0, \"\"Бэлчээр\"\"\",support,sms,,,<5$CR"
open_get 31.json
node -e '
	const o = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
	if (o.kind !== "petition" || o.signatures !== 1 || o.by_channel.sms.signatures !== "<5")
		throw new Error(JSON.stringify(o));
	if (o.campaigns.length !== 1 || o.campaigns[0].comments !== 6 ||
	    !o.campaigns[0].text.startsWith("=HYPERLINK"))
		throw new Error("campaigns: " + JSON.stringify(o.campaigns));
	if (o.totals_without_campaigns.comments !== 1 || o.comments !== 6)
		throw new Error("totals with and without");
	if (o.quotes.length !== 1 || "approved_by" in o.quotes[0])
		throw new Error("quotes: " + JSON.stringify(o.quotes));
' "$T/open-31.json" || fail "/open/31.json: $(cat "$T/open-31.json")"
ok "/open/31.json: 1 signature, <5 by channel; the campaign once, totals with and without"

# --- GET /open/CODE-SECTION.csv ------------------------------------------------------------
for code in 12 31; do
	for sec in articles days topics campaigns quotes decisions; do
		open_get "$code-$sec.csv"
		check "$code-$sec.csv type" "$(header Content-Type)" "text/csv; charset=utf-8; header=present"
		ctl report "$code" --format csv --section "$sec" --public >"$T/$code-$sec.want" ||
		    fail "report $code --section $sec --public"
		cmp -s "$T/open-$code-$sec.csv" "$T/$code-$sec.want" ||
		    { diff "$T/$code-$sec.want" "$T/open-$code-$sec.csv" | cat -A; fail "/open/$code-$sec.csv differs"; }
		csv_parse "$T/open-$code-$sec.csv" >"$T/$code-$sec.parsed" ||
		    fail "/open/$code-$sec.csv does not parse as RFC 4180"
		for ph in "${PHONES[@]}"; do
			grep -qF -e "$ph" "$T/open-$code-$sec.csv" && fail "phone $ph in /open/$code-$sec.csv"
		done
		node -e '
			const recs = require("fs").readFileSync(process.argv[1], "utf8").trim()
			    .split("\n").map(JSON.parse);
			for (const r of recs) {
				if (r.length !== recs[0].length) throw new Error("ragged: " + r);
				for (const c of r)
					if (/^[=+\-@\t\r]/.test(c)) throw new Error("a formula cell: " + c);
			}
		' "$T/$code-$sec.parsed" || fail "/open/$code-$sec.csv: $(cat "$T/$code-$sec.parsed")"
	done
done
ok "every section of 12 and 31 as CSV: report --section --public, RFC 4180, no formula, no phone"
row=$(sed -n 2p "$T/open-31-campaigns.csv")
check_re "31-campaigns.csv: the text once, its formula quoted" "$row" \
    '^31,[0-9]+,6,"'"'"'=HYPERLINK\(""http://evil\.example/"",""эмч""\) Эмч нэмэх хэрэгтэй [^0-9]*руу залга",2026-12-01T12:00:00\+08:00,2026-12-01T12:00:00\+08:00,sms,0'
check_re "31-quotes.csv: the approved quote, traceable, quoted" "$(sed -n 2p "$T/open-31-quotes.csv")" \
    "^31,$first,,,,sms,[a-z]*,[a-z_]*,2026-12-01,\"'=HYPERLINK"
check_re "12-decisions.csv: the reason neutralised" "$(sed -n 2p "$T/open-12-decisions.csv")" \
    "^12,,changed,'=1\+1 <b>Төлбөрийг</b> бууруулав,2026-12-0[0-9]T"
check "12-days.csv" "$(cat "$T/open-12-days.csv")" "$(printf 'code,day,votes,comments,signatures\r\n12,2026-12-01,8,<5,0\r')"
for p in 12-soums.csv 12-report.csv 12-articles.json 12-.csv -articles.csv 12-articles-x.csv \
    99-articles.csv 12-ARTICLES.csv 1234567-articles.csv; do
	http GET "/open/$p"
	[ "$HTTP_CODE" = 404 ] || fail "/open/$p: $HTTP_CODE, expected 404"
done
ok "unknown sections, soums and other names: 404"

# --- datapackage.json ------------------------------------------------------------------------
open_get datapackage.json
check "datapackage type" "$(header Content-Type)" "application/json"
paths=$(node -e '
	const p = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
	if (!Array.isArray(p.resources)) throw new Error("no resources");
	const names = new Set(), types = ["string", "integer", "number", "boolean", "date", "datetime"];
	for (const r of p.resources) {
		if (!/^[-a-z0-9._\/]+$/.test(r.name) || names.has(r.name)) throw new Error("name " + r.name);
		names.add(r.name);
		if (r.format === "csv") {
			const f = r.schema.fields.map(x => x.name).join(",");
			if (!r.path.includes("-") && f !== process.argv[2]) throw new Error(r.path + " fields " + f);
			for (const x of r.schema.fields)
				if (!types.includes(x.type) || !x.description) throw new Error(r.path + " " + x.name);
			if (!r.schema.missingValues.includes("<5")) throw new Error("<5 not missing");
			if (r.dialect.lineTerminator !== "\r\n" || r.profile !== "tabular-data-resource")
				throw new Error(r.path + " dialect");
			console.log(r.path + "\t" + f);
		} else
			console.log(r.path);
	}
' "$T/open-datapackage.json" "code,title,what,channel,aimag,aimag_name,n") ||
    fail "datapackage.json: $(cat "$T/open-datapackage.json")"
files=""
for c in 12 31 55; do
	files="$files $c.csv $c.json"
	for sec in articles days topics campaigns quotes decisions; do files="$files $c-$sec.csv"; done
done
check "datapackage files" "$(printf '%s\n' "$paths" | cut -f1 | sort | tr '\n' ' ')" \
    "$(printf '%s\n' $files | sort | tr '\n' ' ')"
printf '%s\n' "$paths" | while IFS=$'\t' read -r p fields; do
	http GET "/open/$p"
	[ "$HTTP_CODE" = 200 ] || fail "datapackage lists $p, which answers $HTTP_CODE"
	[ -z "$fields" ] || check "$p: the schema's columns are its header" \
	    "$(printf '%s' "$HTTP_BODY" | head -1 | tr -d '\r')" "$fields"
done || exit 1
ok "every file the datapackage lists answers 200, each CSV's header its schema"

# --- unknown codes, other methods ------------------------------------------------------------
for p in 99.json 99.csv abc.json 12.xml 12 .json 1234567.csv 12.json/x "" datapackage.csv; do
	http GET "/open/$p"
	[ "$HTTP_CODE" = 404 ] || fail "/open/$p: $HTTP_CODE, expected 404"
	check "/open/$p: a JSON 404" "$(header Content-Type)" "application/json"
	node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).error || process.exit(1)' \
	    "$T/http.body" || fail "/open/$p: the 404 body is not a JSON error: $HTTP_BODY"
done
ok "unknown files answer a JSON 404"
http GET /open/12.csv
len=$(wc -c <"$T/http.body")
http HEAD /open/12.csv -I
check "HEAD /open/12.csv" "$HTTP_CODE" 200
check "HEAD: Content-Length of the GET" "$(header Content-Length)" "$len"
http POST /open/12.json -d x=1
check "POST /open/12.json" "$HTTP_CODE" 405
