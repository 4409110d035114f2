#!/bin/bash
# SPDX-License-Identifier: ISC
#
# The officials' report, comments, review and quotes pages (gateway/admin_report.c,
# admin_comments.c, admin_review.c, admin_quotes.c) against a real sanald and
# SQLite file. Comments come in over two days by SMS (registered aimags, a
# campaign of identical texts, HTML payloads) and one by the citizens' web
# pages; sanalctl analyse classifies them. An analyst and a viewer sign in
# through /admin (password, then the code from the outbox), each a "browser"
# with its own two cookies. Then:
#
#   report     every section heading, the headline numbers of sanalctl report
#              --format json, the cells' links, the "not for publication" line;
#              CSV (BOM, the CLI's rows), XLSX (a zip with its two sheets), JSON
#              (byte for byte the CLI's), each download an audit row
#   comments   each filter narrows to what sqlite3 counts, paging and the
#              language links keep the filters, bad values answer 400 with
#              the error summary
#   review     a viewer sees no form and its POST is 403 (no label stored); an
#              analyst's label takes the comment out of the queue, shows as
#              human-labelled, is audited
#   quotes     approve (with an edited text, scrubbed) and withdraw, the report
#              showing the approved one only; a viewer's POST is 403
#   privacy    no sender's phone number on any page or download; HTML payloads
#              escaped
#   browser    tests/web/admin_review.js: axe (WCAG 2.2 AA) on these pages in
#              Chromium, mn and en, 320 and 1280 px; without Chromium, node >= 20
#              or the npm packages that part is left out with a note (a failure
#              under SANAL_REQUIRE_ALL=1, as scripts/test sets)
. "${top_srcdir:-$(dirname "$0")/../..}/tests/integ/lib.sh"

need curl sqlite3 unzip od
DAY1=1796097600			# 2026-12-01 12:00 Ulaanbaatar: item 12 open
DAY2=$((DAY1 + 86400))
export SANAL_NOW=$DAY1
init_db

# --- the officials -------------------------------------------------------------------

# official NAME ROLE PHONE: creates the account; its password in PW[NAME].
declare -A PW=()
official() {
	local out
	out=$(ctl official add "$1" --role "$2" --phone "$3" 2>&1) || fail "official add $1: $out"
	PW[$1]=$(printf '%s\n' "$out" | sed -n 's/^password: //p')
	[ -n "${PW[$1]}" ] || fail "no password printed for $1: $out"
}
official ana analyst 88110011
official vic viewer 88110022
official saraa analyst 88110033		# for the browser part

# --- browsers: the citizens' cookie and the officials' -------------------------------

declare -A SANAL=() ADMIN=() CSRF=()
PAGES=$T/pages			# every page and download fetched, for the privacy checks
mkdir -p "$PAGES"
NPAGE=0

location() { printf '%s\n' "$HTTP_HEADERS" | sed -n 's/^[Ll]ocation: //p' | tail -1; }

# web BROWSER METHOD PATH [CURL ARGS...]: a request with BROWSER's cookies; keeps
# new ones and the form token, saves the body. A 5xx fails the test.
web() {
	local b=$1 m=$2 p=$3 c cookie=
	shift 3
	[ -n "${SANAL[$b]:-}" ] && cookie="__Host-sanal=${SANAL[$b]}"
	[ -n "${ADMIN[$b]:-}" ] && cookie="${cookie:+$cookie; }__Host-sanal-admin=${ADMIN[$b]}"
	http "$m" "$p" ${cookie:+-H "Cookie: $cookie"} "$@" || fail "$m $p: no answer"
	c=$(printf '%s\n' "$HTTP_HEADERS" | sed -n 's/^[Ss]et-[Cc]ookie: __Host-sanal=\([0-9a-f]\{64\}\);.*/\1/p' | tail -1)
	[ -n "$c" ] && SANAL[$b]=$c
	c=$(printf '%s\n' "$HTTP_HEADERS" | sed -n 's/^[Ss]et-[Cc]ookie: __Host-sanal-admin=\([0-9a-f]*\);.*/\1/p' | tail -1)
	[ -n "$c" ] && ADMIN[$b]=$c
	c=$(printf '%s' "$HTTP_BODY" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 |
	    sed 's/.*value="//; s/"$//')
	[ -n "$c" ] && CSRF[$b]=$c
	NPAGE=$((NPAGE + 1))
	cp "$T/http.body" "$PAGES/$NPAGE"
	case $HTTP_CODE in 5??) fail "$m $p as $b: status $HTTP_CODE" ;; esac
	alive sanald || fail "sanald died after $m $p"
}

# post BROWSER PATH [CURL ARGS...]: a form's POST: its token, our origin.
post() {
	local b=$1 p=$2
	shift 2
	[ -n "${CSRF[$b]:-}" ] || web "$b" GET /admin/sign-in
	web "$b" POST "$p" -H "Origin: http://127.0.0.1:$SANAL_PORT" \
	    --data-urlencode "csrf=${CSRF[$b]}" "$@"
}

last_code() { sql "SELECT substr(text, 1, 6) FROM outbox WHERE kind = 'code' ORDER BY id DESC LIMIT 1"; }

# admin_sign_in BROWSER NAME: the two forms of /admin/sign-in, as an official does.
admin_sign_in() {
	local b=$1 name=$2
	web "$b" GET /admin/sign-in
	post "$b" /admin/sign-in --data-urlencode "name=$name" \
	    --data-urlencode "password=${PW[$name]}" --data-urlencode "next=/admin"
	[ "$HTTP_CODE" = 303 ] || fail "sign-in of $name: $HTTP_CODE $(location)"
	post "$b" /admin/sign-in/code --data-urlencode "code=$(last_code)"
	[ "$HTTP_CODE" = 303 ] && [ -n "${ADMIN[$b]:-}" ] ||
	    fail "code of $name: $HTTP_CODE, admin cookie '${ADMIN[$b]:-}'"
	ok "$name signed in at /admin"
}

# citizen_comment PHONE ARTICLE TEXT: signs in on the citizens' pages and comments.
citizen_comment() {
	local b=cit$1
	web "$b" GET /sign-in
	post "$b" /sign-in --data-urlencode "phone=$1" --data-urlencode "return=/"
	[ "$HTTP_CODE" = 303 ] || fail "citizen sign-in: $HTTP_CODE"
	post "$b" /sign-in/code --data-urlencode "code=$(last_code)"
	[ "$HTTP_CODE" = 303 ] || fail "citizen code: $HTTP_CODE"
	web "$b" GET "/c/12/a/$2"
	post "$b" "/c/12/a/$2" --data-urlencode "comment=$3"
	[ "$HTTP_CODE" = 303 ] || fail "web comment: $HTTP_CODE"
}

# text_of: the last page without its tags, one line.
text_of() { printf '%s' "$HTTP_BODY" | sed 's/<[^>]*>/ /g' | tr -s ' \n' '  '; }

# page_has WHAT FIXED-STRING: the last page (its HTML) holds the string (a
# here-string, not a pipe: grep -q leaving early must not fail the pipeline).
page_has() {
	if grep -qF -- "$2" <<<"$HTTP_BODY"; then ok "$1"
	else fail "$1: no '$2' in $(text_of | head -c 400)"; fi
}
page_lacks() {
	if grep -qF -- "$2" <<<"$HTTP_BODY"; then fail "$1: '$2' is there"
	else ok "$1"; fi
}

# msg LANG KEY: a text of the bundles (one-line keys).
msg() { sed -n "s/^ *$2 { \"\\(.*\\)\" }\$/\\1/p" "$top_srcdir/locales/$1.txt" | head -1; }

# rows: the table rows of a comments page (one <tr><td> each).
rows() { printf '%s' "$HTTP_BODY" | grep -o '<tr><td>' | wc -l | tr -d ' '; }

# found: the number in the comments page's caption (English).
found() { printf '%s' "$HTTP_BODY" | sed -n 's/.*<caption id="found">Comments that match: \([0-9]*\)<.*/\1/p'; }

# --- the comments: two days, SMS and the web -------------------------------------------

start_sanald
PHONES=()
n=0
# sms PHONE TEXT: one SMS straight to sanald as Kannel hands it over (kmo's
# request), sent at the pinned clock: a comment's time is the SMSC's.
sms() {
	n=$((n + 1))
	http GET /kannel/mo -G --data-urlencode "key=$KEY" --data-urlencode "from=$1" \
	    --data-urlencode "to=$SHORTCODE" --data-urlencode "text=$2" \
	    --data-urlencode "ts=$SANAL_NOW" --data-urlencode "smsc=FAKE" \
	    --data-urlencode "coding=0" --data-urlencode "charset=UTF-8" \
	    --data-urlencode "meta=" --data-urlencode "id=adm-$n"
	[ "$HTTP_CODE" = 200 ] || fail "MO $n ($2): HTTP $HTTP_CODE"
	PHONES+=("$1")
}
for i in $(seq 10 39); do		# 30 on article 3 from Khövsgöl, 1 a phone
	sms "991200$i" "БҮРТГЭЛ Хөвсгөл Мөрөн"
	sms "991200$i" "12 3 Бэлчээрийн төлбөр $i төгрөг болох нь хэтэрхий өндөр байна, бууруулах хэрэгтэй"
done
for i in $(seq 10 24); do sms "991200$i" "12 тийм"; done
for i in $(seq 25 31); do sms "991200$i" "12 үгүй"; done
for i in 40 41 42 43; do		# a campaign: one text from four phones, in Ulaanbaatar
	sms "991200$i" "БҮРТГЭЛ Улаанбаатар Баянгол"
	sms "991200$i" "12 5 Усны худгийг улсын төсвөөр засах ёстой гэж бид шаардаж байна"
done
XSS1='<script>alert("x")</script>'
XSS2='"><img src=x onerror=alert(1)>'
sms 99120050 "12 4 $XSS1 малын тоо"
sms 99120051 "12 $XSS2 засаглал"
stop_sanald
export SANAL_NOW=$DAY2
start_sanald
for i in 60 61 62 63 64; do		# the second day, no aimag
	sms "991200$i" "12 3 Малчдад бэлчээрийн газар хангалттай биш, $i өрх хүлээж байна"
done
citizen_comment 99120070 3 "Вэбээс: бэлчээрийн гэрээг арван жилээр байгуулах нь зөв"
PHONES+=(99120070)
out=$(ctl analyse 2>&1) || fail "sanalctl analyse: $out"
ok "comments in: $(sql 'SELECT count(*) FROM comment') ($out)"
[ "$(sql "SELECT count(*) FROM comment WHERE campaign_id IS NOT NULL AND campaign_id <> id")" -ge 3 ] ||
    fail "the four identical texts did not make a campaign"

admin_sign_in A ana
admin_sign_in V vic

# --- the report ------------------------------------------------------------------------

web A GET /admin/c/12
check "report page" "$HTTP_CODE" 200
for k in r_header r_headline r_articles r_aimags r_days r_topics r_campaigns r_quotes r_methods; do
	page_has "report section $k" "$(msg mn "$k")"
done
page_has "not for publication" "$(msg mn ar_not_public)"
page_has "a topic × stance cell links to its comments" 'href="/admin/comments?code=12&amp;stance='
ctl report 12 --format json >"$T/report.json" || fail "sanalctl report json"
# jget PATH: a member of the CLI's report (sqlite3's JSON functions).
jget() { sqlite3 :memory: "SELECT json_extract(readfile('$T/report.json'), '\$.$1')"; }
for m in participants:r_participants votes.support:r_support votes.oppose:r_oppose \
    comments:r_comments; do
	v=$(jget "${m%%:*}")
	[ -n "$v" ] || fail "no ${m%%:*} in the CLI's JSON"
	page_has "the headline shows ${m%%:*} = $v as the CLI" \
	    "<th scope=\"row\">$(msg mn "${m#*:}")</th><td class=\"n\">$v</td>"
done
[ "$(jget votes.support)" -gt 0 ] && [ "$(jget votes.oppose)" -gt 0 ] || fail "no votes counted"
web A GET /admin/c/12?soum=1
check "report by soum" "$HTTP_CODE" 200
page_has "soum section" "$(msg mn r_soums)"
web A GET "/admin/c/12?lang=en"
page_has "report in English" "Not for publication"
web V GET /admin/c/31
check "a petition's report" "$HTTP_CODE" 200
page_has "its header" "$(msg mn r_header)"
web V GET /admin/c/99
check "no such item's report" "$HTTP_CODE" 404

# downloads
audit0=$(sql "SELECT count(*) FROM audit WHERE action = 'report_export'")
web V GET /admin/c/12/report.csv
check "CSV download" "$HTTP_CODE" 200
check "CSV starts with a UTF-8 BOM" "$(head -c 3 "$T/http.body" | od -An -tx1 | tr -d ' ')" efbbbf
check_re "CSV is an attachment" "$(printf '%s' "$HTTP_HEADERS" | grep -i '^content-disposition')" 'attachment'
cmp -s "$T/http.body" <(ctl report 12 --format csv --bom) && ok "CSV is the CLI's (with --bom)" ||
    fail "CSV differs from sanalctl report --format csv --bom"
web V GET /admin/c/12/report.xlsx
check "XLSX download" "$HTTP_CODE" 200
cp "$T/http.body" "$T/r.xlsx"
list=$(unzip -l "$T/r.xlsx" 2>&1) || fail "the XLSX is not a zip: $list"
check_re "XLSX has two sheets" "$list" 'xl/worksheets/sheet2\.xml'
wb=$(unzip -p "$T/r.xlsx" xl/workbook.xml)
check_re "XLSX sheets named report and totals" "$wb" 'name="report".*name="totals"'
web V GET /admin/c/12/report.json
check "JSON download" "$HTTP_CODE" 200
cmp -s "$T/http.body" <(ctl report 12 --format json) && ok "JSON is byte for byte the CLI's" ||
    fail "JSON differs from sanalctl report --format json"
check "each download audited" "$(sql "SELECT count(*) FROM audit WHERE action = 'report_export'")" $((audit0 + 3))
check "audited with the official and format" \
    "$(sql "SELECT count(*) FROM audit WHERE action = 'report_export' AND item_code = '12' AND detail LIKE '%vic%' AND detail LIKE 'xlsx%'")" 1
web V HEAD /admin/c/12/report.csv -I
case $HTTP_CODE in 200) fail "a HEAD of a download answered 200" ;; esac
check "a HEAD of a download ($HTTP_CODE) writes no audit row" \
    "$(sql "SELECT count(*) FROM audit WHERE action = 'report_export'")" $((audit0 + 3))
web V GET /admin/c/99/report.csv
check "no such item" "$HTTP_CODE" 404
web V GET /admin/c/12/report.pdf
check "no such download" "$HTTP_CODE" 404

# --- the comments browser ----------------------------------------------------------------

# filter WHAT QUERY SQL-WHERE: the page's count and rows against sqlite3's.
filter() {
	local want
	want=$(sql "SELECT count(*) FROM comment c LEFT JOIN comment_label l ON l.comment_id = c.id
	    LEFT JOIN participant p ON p.id = c.participant_id WHERE $3")
	web V GET "/admin/comments?lang=en&$2"
	check "comments $1: status" "$HTTP_CODE" 200
	check "comments $1: count as sqlite3" "$(found)" "$want"
	check "comments $1: rows on page 1" "$(rows)" "$((want < 25 ? want : 25))"
}
filter "all" "" "1"
filter "item" "code=12" "c.item_id = (SELECT id FROM item WHERE code = '12')"
filter "article" "article=3" "c.article = '3'"
filter "whole item" "article=-" "c.article IS NULL"
st=$(sql "SELECT stance FROM comment WHERE stance IS NOT NULL GROUP BY stance ORDER BY count(*) DESC LIMIT 1")
tp=$(sql "SELECT topic FROM comment WHERE topic IS NOT NULL GROUP BY topic ORDER BY count(*) DESC LIMIT 1")
filter "stance $st" "stance=$st" "coalesce(l.stance, c.stance) = '$st'"
filter "topic $tp" "topic=$tp" "coalesce(l.topic, c.topic) = '$tp'"
filter "aimag 67" "aimag=67" "p.aimag = '67'"
filter "aimag 11" "aimag=11" "p.aimag = '11'"
filter "channel web" "channel=web" "c.channel = 'web'"
filter "channel sms" "channel=sms" "c.channel = 'sms'"
filter "day 1" "day=2026-12-01" "c.ts >= $DAY1 - 43200 AND c.ts < $DAY1 + 43200"
filter "day 2" "day=2026-12-02" "c.ts >= $DAY2 - 43200 AND c.ts < $DAY2 + 43200"
filter "campaign yes" "campaign=yes" "c.campaign_id IN (SELECT campaign_id FROM comment WHERE campaign_id <> id)"
filter "campaign no" "campaign=no" "NOT coalesce(c.campaign_id <> c.id, 0)"
filter "article and aimag" "article=3&aimag=67&channel=sms" "c.article = '3' AND p.aimag = '67' AND c.channel = 'sms'"
page_has "the filter form keeps its values" '<option value="67" selected>'
for f in code article stance topic aimag channel day campaign; do
	page_has "filter $f has a label" "<label for=\"$f\">"
done

# paging: article 3 has 36 comments, two pages; the links keep the filters
web V GET "/admin/comments?lang=en&article=3"
page_has "page 1 of 2" "Page 1 of 2"
page_has "next page keeps the filter and language" 'href="/admin/comments?article=3&amp;page=2&amp;lang=en"'
web V GET "/admin/comments?lang=en&article=3&page=2"
check "page 2 rows" "$(rows)" $(( $(sql "SELECT count(*) FROM comment WHERE article = '3'") - 25 ))
page_has "page 2 of 2" "Page 2 of 2"
page_has "previous page" 'href="/admin/comments?article=3&amp;page=1&amp;lang=en"'
web V GET "/admin/comments?article=3&lang=en&aimag=67"
page_has "the language links keep the filters" \
    'href="/admin/comments?article=3&amp;aimag=67&amp;lang=kk" lang="kk"'
p1=$(sql "SELECT group_concat(id) FROM (SELECT id FROM comment WHERE article = '3' ORDER BY id DESC LIMIT 25)")
web V GET "/admin/comments?lang=en&article=3"
got=$(printf '%s' "$HTTP_BODY" | grep -o '<tr><td>[0-9]*' | sed 's/<tr><td>//' | paste -sd, -)
check "page 1 is the newest 25, newest first" "$got" "$p1"

for bad in "stance=angry" "topic=weather" "aimag=99" "channel=fax" "day=2026-13-45" "day=2026-02-30" \
    "campaign=maybe" "page=0" "page=x" "code=999" "article=%3Cb%3E"; do
	web V GET "/admin/comments?$bad"
	check "bad filter $bad: 400" "$HTTP_CODE" 400
	page_has "bad filter $bad: error summary" 'class="errors"'
done
page_lacks "a bad value is escaped" '<b>'

# --- the review queue ----------------------------------------------------------------------

queue() { sql "SELECT count(*) FROM comment c LEFT JOIN comment_label l ON l.comment_id = c.id
    WHERE (c.review = 1 OR coalesce(c.campaign_id <> c.id, 0)) AND l.comment_id IS NULL"; }
q0=$(queue)
[ "$q0" -ge 1 ] || fail "nothing in the review queue"
web V GET "/admin/review?lang=en"
check "viewer reads the queue" "$HTTP_CODE" 200
page_lacks "viewer sees no label form" 'action="/admin/label'
page_has "viewer is told why" "$(msg en ar_viewer_no_label)"
cid=$(sql "SELECT c.id FROM comment c LEFT JOIN comment_label l ON l.comment_id = c.id
    WHERE (c.review = 1 OR coalesce(c.campaign_id <> c.id, 0)) AND l.comment_id IS NULL ORDER BY c.id DESC LIMIT 1")
post V /admin/label --data-urlencode "id=$cid" --data-urlencode "stance=oppose" \
    --data-urlencode "topic=water"
check "viewer's label POST" "$HTTP_CODE" 403
check "no label stored for the viewer" "$(sql "SELECT count(*) FROM comment_label")" 0

web A GET /admin/review
check "analyst reads the queue" "$HTTP_CODE" 200
page_has "the queue has a label form for the newest" "name=\"id\" value=\"$cid\""
page_has "a select with its label" "<label for=\"stance-$cid\">"
guess=$(sql "SELECT stance FROM comment WHERE id = $cid")
[ -z "$guess" ] || page_has "the model's guess preselected" "<option value=\"$guess\" selected>"
post A /admin/label --data-urlencode "id=$cid" --data-urlencode "stance=amend" \
    --data-urlencode "topic=water" --data-urlencode "page=1"
check "analyst's label: 303" "$HTTP_CODE" 303
check_re "back to the queue" "$(location)" "^/admin/review\\?labelled=$cid"
check "label stored with who" "$(sql "SELECT stance || ',' || topic || ',' || official FROM comment_label WHERE comment_id = $cid")" "amend,water,ana"
check "label audited" "$(sql "SELECT count(*) FROM audit WHERE action = 'label' AND detail LIKE '%$cid%'")" 1
check "the queue is one shorter" "$(queue)" $((q0 - 1))
web A GET "$(location)"
page_has "confirmation" "$(msg mn ar_labelled | sed "s/{0}/$cid/")"
page_lacks "the comment left the queue" "name=\"id\" value=\"$cid\""
web A GET "/admin/comments?lang=en&stance=amend&topic=water"
page_has "human-labelled in the browser" "human-labelled by ana on 2026-12-02"
post A /admin/label --data-urlencode "id=999999" --data-urlencode "stance=amend" --data-urlencode "topic=water"
check "label of no comment: 400" "$HTTP_CODE" 400
post A /admin/label --data-urlencode "id=$cid" --data-urlencode "stance=angry" --data-urlencode "topic=water"
check "bad stance: 400" "$HTTP_CODE" 400

# --- quotes --------------------------------------------------------------------------------

web A GET /admin/c/12/quotes
check "quotes page" "$HTTP_CODE" 200
qid=$(grep -o '<li id="q[0-9]*"' <<<"$HTTP_BODY" | sed -n '1s/[^0-9]//gp')
[ -n "$qid" ] || fail "no candidate on the quotes page"
web V GET /admin/c/12/quotes
check "viewer reads the quotes" "$HTTP_CODE" 200
page_lacks "viewer sees no approve form" 'value="approve"'
post V /admin/c/12/quotes --data-urlencode "id=$qid" --data-urlencode "action=approve"
check "viewer's approve: 403" "$HTTP_CODE" 403
QUOTE="Бэлчээрийн төлбөр өндөр байна, залгах 99887766"
post A /admin/c/12/quotes --data-urlencode "id=$qid" --data-urlencode "action=approve" \
    --data-urlencode "text=$QUOTE"
check "analyst approves: 303" "$HTTP_CODE" 303
web A GET "$(location)"
page_has "approved marked" "$(msg mn ar_approved)"
page_has "a withdraw form" 'value="withdraw"'
page_lacks "the edited text was scrubbed" "99887766"
web A GET /admin/c/12
page_has "the report shows the approved quote" "Бэлчээрийн төлбөр өндөр байна"
check "approval audited with the official" \
    "$(sql "SELECT count(*) FROM audit WHERE action = 'quote_approve' AND detail LIKE 'comment $qid by ana%'")" 1
post A /admin/c/12/quotes --data-urlencode "id=$qid" --data-urlencode "action=withdraw"
check "analyst withdraws: 303" "$HTTP_CODE" 303
check "withdrawal audited" \
    "$(sql "SELECT count(*) FROM audit WHERE action = 'quote_withdraw' AND detail LIKE 'comment $qid by ana%'")" 1
web A GET /admin/c/12
page_lacks "the report no longer shows it" "Бэлчээрийн төлбөр өндөр байна, залгах"
copy=$(sql "SELECT id FROM comment WHERE campaign_id <> id LIMIT 1")
post A /admin/c/12/quotes --data-urlencode "id=$copy" --data-urlencode "action=approve"
check "a campaign copy is no candidate: 400" "$HTTP_CODE" 400
check "nothing approved" "$(sql "SELECT count(*) FROM audit WHERE action = 'quote_approve' AND detail LIKE 'comment $copy %'")" 0

# --- privacy ----------------------------------------------------------------------------------

for ph in "${PHONES[@]}" 88110011 88110022; do
	if grep -rlaF -e "$ph" "$PAGES" >/dev/null; then
		fail "phone $ph on a page: $(grep -rlaF -e "$ph" "$PAGES" | head -3)"
	fi
done
ok "no sender's or official's phone number on $NPAGE pages and downloads"
web V GET "/admin/comments?lang=en&article=4"
page_has "script payload escaped" '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
web V GET "/admin/comments?lang=en&article=-"
page_has "attribute payload escaped" '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'
for f in "$PAGES"/*; do
	if grep -qaF '<script' "$f" || grep -qaF '<img src=x' "$f"; then
		fail "an unescaped payload in $(basename "$f")"
	fi
done
ok "no payload unescaped on any page"
no_phone_in_clear "${PHONES[@]}"

# --- in Chromium ---------------------------------------------------------------------------

why=$(browser_missing)
if [ -n "$why" ]; then
	[ "${SANAL_REQUIRE_ALL:-0}" = 1 ] && fail "cannot run admin_review.js: $why"
	echo "note: admin_review.js left out: $why"
else
	st=0 t0=$SECONDS
	TMPDIR=$T timeout -k 5 "${NODE_TIMEOUT:-90}" node "$top_srcdir/tests/web/admin_review.js" \
	    "http://127.0.0.1:$SANAL_PORT" "$DB" saraa "${PW[saraa]}" >"$T/admin_review.log" 2>&1 || st=$?
	cat "$T/admin_review.log"
	echo "--- admin_review.js: status $st in $((SECONDS - t0)) s"
	[ "$st" = 0 ] || fail "the report, comments, review and quotes pages in Chromium: see the FAIL lines above"
	ok "report, comments, review and quotes pages in Chromium: no axe violation"
	alive sanald || fail "sanald died during the browser test"
	no_phone_in_clear 88110033
fi
