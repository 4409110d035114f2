#!/bin/bash
# SPDX-License-Identifier: ISC
#
# /kannel/mo over plain HTTP, the way smsbox calls it: a vote by GET and by
# POST (Kannel's post-url shape: text as the body), the reply headers Kannel
# needs (text/plain UTF-8, X-Kannel-Coding 2 for Cyrillic, 0 for Latin),
# idempotency on Kannel's id, de-duplication of an id-less repeat inside the
# window, last vote wins, /healthz and /metrics.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/integ/lib.sh"

start_sanald

hdr() { printf '%s\n' "$HTTP_HEADERS" | grep -i "^$1:" | head -1 | sed 's/^[^:]*: *//'; }
votes() {
	sql "SELECT count(*) FROM vote v JOIN item i ON i.id = v.item_id
	    WHERE i.code = '12' AND v.choice = '$1'"
}

# --- GET, Cyrillic ----------------------------------------------------------------
kmo 99150001 "12 тийм" get-1
check "GET vote" "$HTTP_CODE" 200
check_re "Content-Type" "$(hdr Content-Type)" '^text/plain; *charset="?[Uu][Tt][Ff]-8"?$'
check "X-Kannel-Coding for a Cyrillic reply" "$(hdr X-Kannel-Coding)" 2
check_re "Cyrillic reply" "$HTTP_BODY" "$CYR"
check_re "reply names item 12" "$HTTP_BODY" '12'
check "support votes" "$(votes support)" 1
check "vote channel" "$(sql 'SELECT channel FROM vote')" sms
first_reply=$HTTP_BODY

# --- GET, Latin --------------------------------------------------------------------
kmo 88150002 "12 tiim" get-2
check "Latin GET vote" "$HTTP_CODE" 200
check "X-Kannel-Coding for a Latin reply" "$(hdr X-Kannel-Coding)" 0
printf '%s' "$HTTP_BODY" | LC_ALL=C grep -q '[^ -~]' && fail "Latin reply not ASCII: '$HTTP_BODY'"
ok "Latin reply: $HTTP_BODY"
check "support votes" "$(votes support)" 2

# --- POST, as smsbox's post-url sends it (NOTES §1.2) -----------------------------
http POST "/kannel/mo?key=$KEY&from=95150003&to=1234&id=post-1&ts=$(date +%s)&smsc=FAKE&coding=0&charset=UTF-8&meta=" \
    -H 'Content-Type: text/plain; charset="UTF-8"' -H 'X-Kannel-From: 95150003' \
    -H 'X-Kannel-To: 1234' -H 'X-Kannel-SMSC: FAKE' -H 'X-Kannel-Coding: 0' \
    -H 'X-Kannel-Service: sanal' -H 'User-Agent: Kannel/1.4.5' --data-binary '12 үгүй'
check "POST vote" "$HTTP_CODE" 200
check_re "POST reply is Cyrillic" "$HTTP_BODY" "$CYR"
check "oppose votes" "$(votes oppose)" 1
check "mo rows" "$(sql 'SELECT count(*) FROM mo')" 3

# --- idempotency on Kannel's id ------------------------------------------------------
kmo 99150001 "12 тийм" get-1
check "same id again" "$HTTP_CODE" 200
check "same id again: same reply" "$HTTP_BODY" "$first_reply"
check "rows for id get-1" "$(sql "SELECT count(*) FROM mo WHERE kannel_id = 'get-1'")" 1
# Same id, different text (a broken retry): still the first answer, nothing new.
kmo 99150001 "12 үгүй" get-1
check "same id, other text" "$HTTP_CODE" 200
check "same id, other text: first reply" "$HTTP_BODY" "$first_reply"
check "oppose votes after a replayed id" "$(votes oppose)" 1
check "mo rows" "$(sql 'SELECT count(*) FROM mo')" 3

# --- de-duplication without an id, inside the window --------------------------------
C='Малчдын бүлгийн гэрээг арван жил болгох хэрэгтэй'
kmo 91150004 "12 $C" ""
check "comment without id" "$HTTP_CODE" 200
r1=$HTTP_BODY
kmo 91150004 "12 $C" ""
check "same comment again without id" "$HTTP_CODE" 200
check "the repeat gets the same reply" "$HTTP_BODY" "$r1"
check "comments counted once" "$(sql "SELECT count(*) FROM comment WHERE text_raw LIKE '%арван жил%'")" 1
kmo 91150005 "12 $C" ""
check "another phone, same text" "$(sql "SELECT count(*) FROM comment WHERE text_raw LIKE '%арван жил%'")" 2

# --- last vote wins -----------------------------------------------------------------
kmo 99150006 "12 тийм" lw-1
kmo 99150006 "12 үгүй" lw-2
kmo 99150006 "12 тийм" lw-3
kmo 99150006 "12 ugui" lw-4
check "last vote wins: one row" "$(sql 'SELECT count(*) FROM vote')" 4
check "support votes" "$(votes support)" 2
check "oppose votes" "$(votes oppose)" 2
report=$(ctl report 12 --format json | tr -d ' \n\t') || fail "sanalctl report 12"
check_re "report: support 2" "$report" '"support":2[,}]'
check_re "report: oppose 2" "$report" '"oppose":2[,}]'
check_re "report: comments 2" "$report" '"comments":2[,}]'

# --- /healthz and /metrics ----------------------------------------------------------
http GET /healthz
check "/healthz" "$HTTP_CODE" 200
check "/healthz body" "$(printf '%s' "$HTTP_BODY" | tr -d '\r\n')" ok

http GET /metrics
check "/metrics" "$HTTP_CODE" 200
m1=$HTTP_BODY
check_re "/metrics is Prometheus text" "$m1" '^# TYPE [a-z_:][a-z0-9_:]* (counter|gauge|histogram|summary)'
printf '%s\n' "$m1" | grep -v '^#' | grep -Evq '^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})? [-+0-9.eE]+(Inf|NaN)?( [0-9]+)?$' &&
    fail "/metrics has a malformed sample line: $(printf '%s\n' "$m1" | grep -v '^#' |
        grep -Ev '^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})? [-+0-9.eE]+' | head -1)"
ok "/metrics sample lines are well-formed ($(printf '%s\n' "$m1" | grep -vc '^#') samples)"
kmo 99150007 "12 тийм" metrics-1
kmo 99150008 "12 тийм" metrics-2
http GET /metrics
m2=$HTTP_BODY
# Some MO counter must have grown by at least 2.
grown=$(join <(printf '%s\n' "$m1" | grep -v '^#' | grep -i 'mo' | sort) \
             <(printf '%s\n' "$m2" | grep -v '^#' | grep -i 'mo' | sort) |
        awk '$3 - $2 >= 2 { print $1 }')
[ -n "$grown" ] || fail "no MO counter on /metrics grew after 2 MOs"
ok "MO counters that grew: $(echo $grown)"

# The language layer's worker: a Latin-typed comment becomes Cyrillic and is
# classified; the same text from another phone joins its campaign.
kmo 99150010 "12 3 Belcheeriin tulbur heterhii undur baina" analyse-1
check "Latin comment" "$HTTP_CODE" 200
kmo 99150011 "12 3 Бэлчээрийн төлбөр хэтэрхий өндөр байна" analyse-2
check "the same comment in Cyrillic" "$HTTP_CODE" 200
"$SANALCTL" -d "$DB" analyse --model "$T/no-such.model" >/dev/null 2>&1 &&
    fail "analyse ran without its model"
check "a missing model analyses nothing" "$(sql "SELECT count(*) FROM comment WHERE analysed = 1")" 0
out=$("$SANALCTL" -d "$DB" analyse 2>&1) || fail "sanalctl analyse: $out"
check_re "analyse reports its work" "$out" '^analysed [1-9][0-9]* comments'
check "nothing left to analyse" "$(sql "SELECT count(*) FROM comment WHERE analysed = 0")" 0
check_re "Latin comment stored in Cyrillic" \
    "$(sql "SELECT text_norm FROM comment WHERE text_raw LIKE 'Belcheeriin%'")" 'бэлчээрийн'
check "classified with a confidence" "$(sql "SELECT count(*) FROM comment WHERE stance IS NOT NULL AND topic IS NOT NULL AND confidence BETWEEN 0 AND 1")" \
    "$(sql "SELECT count(*) FROM comment")"
check "one campaign for the two" "$(sql "SELECT count(*) FROM comment WHERE campaign_id = (SELECT id FROM comment WHERE text_raw LIKE 'Belcheeriin%')")" 2

# Officials: the review queue, a label with who and when, and labels as training data.
sql "UPDATE comment SET review = 1 WHERE text_raw LIKE 'Belcheeriin%'" >/dev/null
cid=$(sql "SELECT id FROM comment WHERE text_raw LIKE 'Belcheeriin%'")
out=$("$SANALCTL" -d "$DB" review) || fail "sanalctl review failed"
check_re "review lists the flagged comment" "$out" "^$cid	12	"
"$SANALCTL" -d "$DB" label "$cid" --stance oppose --topic bogus --by Bat >/dev/null 2>&1 &&
    fail "label accepted an unknown topic"
out=$("$SANALCTL" -d "$DB" label "$cid" --stance oppose --topic fees --by Bat) ||
    fail "sanalctl label failed"
check "label stored with who" "$(sql "SELECT stance || ',' || topic || ',' || official FROM comment_label WHERE comment_id = $cid")" "oppose,fees,Bat"
check "label audited" "$(sql "SELECT count(*) FROM audit WHERE action = 'label' AND channel = 'Bat'")" 1
out=$("$SANALCTL" -d "$DB" review) || fail "sanalctl review failed"
case $out in *"$cid	12	"*) fail "a labelled comment is still in the review queue" ;; esac
ok "labelled comment left the review queue"
"$SANALCTL" -d "$DB" labels >"$T/labels.tsv" || fail "sanalctl labels failed"
check_re "labels export in the training format" "$(sed -n 2p "$T/labels.tsv")" "^l$cid	12	lat	oppose	fees	Belcheeriin"
"$SANALCTL" train --data "$T/labels.tsv" --out "$T/m.model" >/dev/null 2>&1 || fail "train on the labels failed"
[ -s "$T/m.model" ] || fail "train wrote no model"
ok "labels train a model"
