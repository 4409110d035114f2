#!/bin/bash
# SPDX-License-Identifier: ISC
#
# sanalctl quote: comments sent to sanald and analysed by sanalctl analyse
# become candidates per stance and topic, listed with their phone numbers
# scrubbed and campaign copies left out; approve and withdraw are audited
# with the official's name, the report carries only approved quotes, and
# the model's cross-validated macro-F1 reaches the report's methods (the
# built model carries it, analyse files it). Bad arguments get the usage
# (exit 2), unknown items and comments a clear error (exit 1).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/integ/lib.sh"
need_sanal
need curl

init_db
start_sanald
n=0
send() {	# send PHONE TEXT: one MO straight to sanald, answered 200
	n=$((n + 1))
	kmo "$1" "$2" "q$n"
	[ "$HTTP_CODE" = 200 ] || fail "MO '$2' from $1: HTTP $HTTP_CODE $HTTP_BODY"
}
send 99180001 "БҮРТГЭЛ Хөвсгөл Мөрөн"
send 99180001 "12 3 Бэлчээрийн төлбөрийг бууруулах хэрэгтэй, 9918 0001 руу залгаарай"
send 99180002 "БҮРТГЭЛ Дорнод"
send 99180002 "12 Малчдад энэ хууль маш ашигтай, дэмжиж байна"
for i in 3 4 5; do	# a campaign: the first one and two copies
	send "9918000$i" "12 Отор нүүдлийн журмыг буцааж татах хэрэгтэй байна"
done
ctl analyse >"$T/analyse.log" 2>&1 || { cat "$T/analyse.log"; fail "sanalctl analyse"; }
ok "five comments analysed"

ctl quote 12 >"$T/quote.out" 2>&1 || { cat "$T/quote.out"; fail "sanalctl quote 12"; }
check "header" "$(head -1 "$T/quote.out")" \
    "$(printf 'ID\tSTANCE\tTOPIC\tARTICLE\tAIMAG\tCHANNEL\tCONFIDENCE\tAPPROVED\tTEXT')"
grep -q '99180001\|9918 0001' "$T/quote.out" && fail "a phone number in the candidates"
grep -q '\[дугаар\] руу залгаарай' "$T/quote.out" || fail "the number is not scrubbed"
check "candidates: all but the two campaign copies" "$(tail -n +2 "$T/quote.out" | wc -l)" 3
first=$(sql "SELECT id FROM comment WHERE text_raw LIKE 'Бэлчээрийн%'")
check_re "its row" "$(grep "^$first	" "$T/quote.out")" \
    "^$first	[a-z]+	[a-z_]+	3	67	sms	0\\.[0-9][0-9]	no	Бэлчээрийн"
ok "candidates listed, scrubbed, campaign copies left out"

ctl quote approve "$first" --by Bat >"$T/a.out" 2>&1 || fail "approve: $(cat "$T/a.out")"
check "approve says" "$(cat "$T/a.out")" "comment $first: approved by Bat"
check "stored scrubbed" "$(sql "SELECT text, official FROM quote")" \
    "Бэлчээрийн төлбөрийг бууруулах хэрэгтэй, [дугаар] руу залгаарай|Bat"
check "audited" "$(sql "SELECT action, item_code, detail FROM audit WHERE action LIKE 'quote%'")" \
    "quote_approve|12|comment $first by Bat"
check "listed as approved" "$(ctl quote 12 --per 1 | awk -F'\t' -v id="$first" '$1 == id { print $8 }')" yes
ctl report 12 --format json >"$T/r.json" || fail "report 12"
grep -q '\[дугаар\] руу залгаарай' "$T/r.json" || fail "the report lacks the approved quote"
grep -q '99180001' "$T/r.json" && fail "a phone number in the report"
ok "approved: stored scrubbed, audited, in the report"

check "macro-F1 filed by analyse" "$(sql "SELECT count(*) FROM meta WHERE key IN
    ('model_macro_f1', 'model_topic_macro_f1', 'model_f1_rows') AND value != ''")" 3
check "rows it was measured on" "$(sql "SELECT value FROM meta WHERE key = 'model_f1_rows'")" 240

ctl quote withdraw "$first" --by Dorj >"$T/w.out" 2>&1 || fail "withdraw: $(cat "$T/w.out")"
check "withdrawn" "$(sql "SELECT count(*) FROM quote")" 0
check "audited" "$(sql "SELECT detail FROM audit WHERE action = 'quote_withdraw'")" \
    "comment $first by Dorj"
ok "withdrawn and audited"

expect() {	# expect STATUS ARGS...: sanalctl's exit status and a message on stderr
	local want=$1 rc
	shift
	ctl "$@" >"$T/e.out" 2>&1
	rc=$?
	[ "$rc" = "$want" ] || fail "sanalctl $*: exit $rc, not $want: $(cat "$T/e.out")"
	[ -s "$T/e.out" ] || fail "sanalctl $*: no message"
}
expect 1 quote withdraw "$first" --by Dorj		# not a quote any more
grep -q "not an approved quote" "$T/e.out" || fail "withdraw twice: $(cat "$T/e.out")"
expect 1 quote approve 99999 --by Bat
grep -q "no comment 99999" "$T/e.out" || fail "unknown comment: $(cat "$T/e.out")"
expect 1 quote 777
expect 2 quote approve "$first"			# no --by
expect 2 quote approve x --by Bat
expect 2 quote 12 --per 0
expect 2 quote withdraw "$first" --by Bat --text x
check "nothing stored by refusals" "$(sql "SELECT count(*) FROM quote")" 0
ok "refusals: usage (2) or a clear error (1)"
