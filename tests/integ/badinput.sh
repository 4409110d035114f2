#!/bin/bash
# SPDX-License-Identifier: ISC
#
# Hostile and broken input, straight to sanald's /kannel/mo (no Kannel): a
# wrong or missing key is refused with 403 and stores nothing; missing or
# malformed parameters get a 4xx or a clear reply; nothing gets a 5xx; a
# valid MO sent right after each one is still stored; "+976 9911-2233" is the
# same citizen as 99112233.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/integ/lib.sh"

start_sanald
URL="http://127.0.0.1:$SANAL_PORT/kannel/mo"
seq=0

# not5xx DESC: the last answer was no 5xx (and something answered).
not5xx() {
	case $HTTP_CODE in
	000) fail "$1: no answer (sanald down?)" ;;
	5??) fail "$1: got $HTTP_CODE: $HTTP_BODY" ;;
	esac
	alive sanald || fail "$1: sanald died"
}

# clear_or_4xx DESC: a 4xx, or a 200 with a non-empty reply.
clear_or_4xx() {
	not5xx "$1"
	case $HTTP_CODE in
	4??) ok "$1 -> $HTTP_CODE" ;;
	200) [ -n "$HTTP_BODY" ] || fail "$1: 200 with an empty reply"
	     ok "$1 -> 200 '$HTTP_BODY'" ;;
	*) fail "$1: unexpected status $HTTP_CODE" ;;
	esac
}

# valid_after DESC: a good MO right after is answered 200 and stored.
valid_after() {
	local before
	before=$(sql 'SELECT count(*) FROM mo')
	seq=$((seq + 1))
	kmo 99140000 "12 тийм" "valid-$seq"
	[ "$HTTP_CODE" = 200 ] || fail "valid MO after $1: status $HTTP_CODE '$HTTP_BODY'"
	[ "$(sql "SELECT count(*) FROM mo WHERE kannel_id = 'valid-$seq'")" = 1 ] ||
	    fail "valid MO after $1 not stored"
	[ "$(sql 'SELECT count(*) FROM mo')" = $((before + 1)) ] ||
	    fail "valid MO after $1: mo grew by more than one row"
}

# --- authentication ------------------------------------------------------------
http GET "/kannel/mo" -G --data-urlencode "key=wrong$KEY" --data-urlencode "from=99140001" \
    --data-urlencode "to=1234" --data-urlencode "text=12 тийм" --data-urlencode "id=badkey"
check "wrong key" "$HTTP_CODE" 403
http GET "/kannel/mo" -G --data-urlencode "from=99140001" --data-urlencode "to=1234" \
    --data-urlencode "text=12 тийм" --data-urlencode "id=nokey"
check "missing key" "$HTTP_CODE" 403
http GET "/kannel/mo" -G --data-urlencode "key=" --data-urlencode "from=99140001" \
    --data-urlencode "text=12 тийм" --data-urlencode "id=emptykey"
check "empty key" "$HTTP_CODE" 403
check "rows stored for refused keys" \
    "$(sql 'SELECT (SELECT count(*) FROM mo) + (SELECT count(*) FROM vote) + (SELECT count(*) FROM participant)')" 0
valid_after "a wrong key"

# --- missing and malformed parameters -------------------------------------------
http GET "/kannel/mo" -G --data-urlencode "key=$KEY" --data-urlencode "to=1234" \
    --data-urlencode "text=12 тийм" --data-urlencode "id=nofrom"
check "missing from" "$HTTP_CODE" 400
check "row for missing from" "$(sql "SELECT count(*) FROM mo WHERE kannel_id = 'nofrom'")" 0
valid_after "a missing from"

http GET "/kannel/mo" -G --data-urlencode "key=$KEY" --data-urlencode "from=99140002" \
    --data-urlencode "to=1234" --data-urlencode "id=notext"
clear_or_4xx "missing text"
valid_after "a missing text"

kmo 99140003 "99 тийм" unknown-item;	clear_or_4xx "unknown item 99"
[ "$HTTP_CODE" != 200 ] || check_re "unknown item reply names 99" "$HTTP_BODY" '99'
valid_after "an unknown item"
check "votes for an unknown item" "$(sql "SELECT count(*) FROM vote v JOIN item i ON i.id = v.item_id WHERE i.code = '99'")" 0

ctl consultation close 31 >/dev/null 2>&1 || fail "sanalctl consultation close 31"
kmo 99140004 "31 тийм" closed-item;	clear_or_4xx "closed petition 31"
check "signatures on closed 31" "$(sql "SELECT count(*) FROM signature s JOIN item i ON i.id = s.item_id WHERE i.code = '31'")" 0
valid_after "a closed item"

kmo 99140005 "" empty-text;		clear_or_4xx "empty text";	valid_after "an empty text"
kmo 99140005 "   " blank-text;		clear_or_4xx "blank text";	valid_after "a blank text"

big=$(head -c 10240 /dev/zero | tr '\0' 'a')
kmo 99140006 "12 $big" big-get;		clear_or_4xx "10 KB text by GET";	valid_after "a 10 KB GET"
bigc=$(for ((i = 0; i < 1700; i++)); do printf 'бэлч '; done)
http POST "/kannel/mo?key=$KEY&from=99140007&to=1234&id=big-post&coding=0&charset=UTF-8" \
    -H 'Content-Type: text/plain; charset="UTF-8"' --data-binary "12 $bigc"
clear_or_4xx "10 KB Cyrillic text by POST";	valid_after "a 10 KB POST"

http GET "/kannel/mo?key=$KEY&from=99140008&to=1234&id=badutf8&text=12+%FF%FE&coding=0&charset=UTF-8"
clear_or_4xx "invalid UTF-8 %FF%FE"
if [ "$HTTP_CODE" = 200 ]; then
	printf '%s' "$HTTP_BODY" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1 ||
	    fail "reply to invalid UTF-8 is itself invalid UTF-8"
fi
check "comments made of the bytes FF FE" \
    "$(sql "SELECT count(*) FROM comment WHERE instr(CAST(text_raw AS BLOB), x'ff') > 0")" 0
n=$(sql "SELECT count(*) FROM mo WHERE instr(CAST(text AS BLOB), x'ff') > 0")
[ "$n" = 0 ] || echo "note: mo.text keeps the invalid bytes as received ($n row)"
valid_after "invalid UTF-8"
http GET "/kannel/mo?key=$KEY&from=99140008&to=1234&id=nul&text=12+%00abc"
clear_or_4xx "a NUL byte in text";	valid_after "a NUL byte"

# --- phone numbers ---------------------------------------------------------------
kmo "abcdefgh" "12 тийм" phone-letters;	clear_or_4xx "phone 'abcdefgh'";	valid_after "a phone of letters"
kmo "123" "12 тийм" phone-short;	clear_or_4xx "phone '123'";		valid_after "a too short phone"
kmo "99140009'; DROP TABLE mo; --" "12 тийм" phone-sql
clear_or_4xx "phone with SQL in it";	valid_after "a phone with SQL"
check "mo table still there" "$(sql "SELECT count(*) FROM sqlite_master WHERE name = 'mo'")" 1

parts0=$(sql 'SELECT count(*) FROM participant')
votes0=$(sql "SELECT count(*) FROM vote v JOIN item i ON i.id = v.item_id WHERE i.code = '12'")
kmo "+976 9911-2233" "12 тийм" phone-fmt1
check "'+976 9911-2233' accepted" "$HTTP_CODE" 200
kmo "99112233" "12 үгүй" phone-fmt2
check "'99112233' accepted" "$HTTP_CODE" 200
kmo "97699112233" "12 тийм" phone-fmt3
check "'97699112233' accepted" "$HTTP_CODE" 200
kmo "+97699112233" "12 үгүй" phone-fmt4
check "'+97699112233' accepted" "$HTTP_CODE" 200
check "four spellings of one number are one participant" \
    "$(sql 'SELECT count(*) FROM participant')" $((parts0 + 1))
check "... with one vote on 12" \
    "$(sql "SELECT count(*) FROM vote v JOIN item i ON i.id = v.item_id WHERE i.code = '12'")" $((votes0 + 1))
check "... and it is the last one (oppose)" \
    "$(sql "SELECT count(*) FROM vote v JOIN item i ON i.id = v.item_id WHERE i.code = '12' AND choice = 'oppose'")" 1
kmo "99112244" "12 тийм" phone-other
check "a different number is a new participant" "$(sql 'SELECT count(*) FROM participant')" $((parts0 + 2))
no_phone_in_clear 99112233 99112244 99140000

# --- HTTP level ------------------------------------------------------------------
for m in PUT DELETE PATCH; do
	http "$m" "/kannel/mo?key=$KEY&from=99140010&to=1234&text=12+yes&id=method-$m"
	check "$m /kannel/mo" "$HTTP_CODE" 405
done
check "rows stored by wrong methods" "$(sql "SELECT count(*) FROM mo WHERE kannel_id LIKE 'method-%'")" 0
valid_after "wrong methods"

head -c 102400 /dev/zero | tr '\0' 'b' >"$T/100k"
http POST "/kannel/mo?key=$KEY&from=99140011&to=1234&id=huge&coding=0&charset=UTF-8" \
    -H 'Content-Type: text/plain; charset="UTF-8"' --data-binary "@$T/100k"
check "100 KB POST body" "$HTTP_CODE" 413
check "row for the 100 KB body" "$(sql "SELECT count(*) FROM mo WHERE kannel_id = 'huge'")" 0
valid_after "a 100 KB body"

http GET "/no/such/path"
check "unknown path" "$HTTP_CODE" 404
http GET "/kannel/mo?key=$KEY&from=99140012&to=1234&text=12+yes&id=%%%%zz"
clear_or_4xx "broken percent-encoding in the query"
valid_after "broken percent-encoding"

# Garbage on the socket.
printf 'HELLO\r\n\r\n' | curl -s --max-time 3 "telnet://127.0.0.1:$SANAL_PORT" >/dev/null 2>&1 || true
alive sanald || fail "sanald died on a garbage request line"
valid_after "a garbage request line"
ok "sanald survived all bad input"
