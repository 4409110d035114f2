#!/bin/bash
# SPDX-License-Identifier: ISC
#
# sanalctl: init creates the database and its key file, both 0600, and a
# second init does not replace the key; consultations are added, listed,
# opened and closed; bad consultation files are refused with a clear message
# and a non-zero exit; report --format json has the members scripts rely on
# and counts what citizens sent (through sanald).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/integ/lib.sh"
need_sanal

# --- init ---------------------------------------------------------------------------
ctl init >"$T/init.out" 2>&1 || { cat "$T/init.out"; fail "sanalctl init"; }
[ -f "$DB" ] || fail "init made no $DB"
[ -f "$DB.key" ] || fail "init made no $DB.key"
check "mode of the database" "$(stat -c %a "$DB")" 600
check "mode of the key file" "$(stat -c %a "$DB.key")" 600
[ -s "$DB.key" ] || fail "the key file is empty"
key1=$(od -An -tx1 "$DB.key" | tr -d ' \n')
check "schema present" "$(sql "SELECT count(*) FROM sqlite_master WHERE name IN ('item', 'mo', 'vote', 'participant', 'outbox')")" 5
ctl init >"$T/init2.out" 2>&1 || true
check "key after a second init" "$(od -An -tx1 "$DB.key" | tr -d ' \n')" "$key1"
ok "a second init keeps the key"

# --- consultation add / list ---------------------------------------------------------
ctl consultation add "$top_srcdir/demo/pasture.json" >"$T/add.out" 2>&1 ||
    { cat "$T/add.out"; fail "consultation add pasture.json"; }
ctl consultation add "$top_srcdir/demo/doctors.json" >>"$T/add.out" 2>&1 ||
    { cat "$T/add.out"; fail "consultation add doctors.json"; }
check "items" "$(sql "SELECT group_concat(code || ':' || kind) FROM (SELECT * FROM item ORDER BY code)")" \
    "12:consultation,31:petition"
check "articles of 12" "$(sql "SELECT count(*) FROM article a JOIN item i ON i.id = a.item_id WHERE i.code = '12'")" 7
check "threshold of 31" "$(sql "SELECT threshold FROM item WHERE code = '31'")" 1000
list=$(ctl consultation list 2>&1) || fail "consultation list"
printf '%s\n' "$list" | sed 's/^/  list: /'
check_re "list shows 12" "$list" '(^|[^0-9])12([^0-9]|$)'
check_re "list shows 31" "$list" '(^|[^0-9])31([^0-9]|$)'

if ctl consultation add "$top_srcdir/demo/pasture.json" >"$T/dup.out" 2>&1; then
	fail "adding code 12 twice succeeded"
fi
[ -s "$T/dup.out" ] || fail "adding code 12 twice: no message"
ok "duplicate code refused: $(head -1 "$T/dup.out")"
check "items after the duplicate" "$(sql 'SELECT count(*) FROM item')" 2

# --- bad files ------------------------------------------------------------------------
bad() {	# bad NAME CONTENT: add must fail with a message, adding nothing
	printf '%s' "$2" >"$T/$1.json"
	if ctl consultation add "$T/$1.json" >"$T/$1.out" 2>&1; then
		fail "$1: accepted"
	fi
	[ -s "$T/$1.out" ] || fail "$1: refused without a message"
	check "$1: items" "$(sql 'SELECT count(*) FROM item')" 2
	ok "$1 refused: $(head -1 "$T/$1.out")"
}
bad truncated '{"code": "77", "kind": "consultation", "title": {"mn": "Тест"'
bad notjson 'code = 77'
bad empty ''
bad nocode '{"kind": "consultation", "title": {"mn": "Т", "en": "T"}, "opens": "2026-01-01T00:00:00+08:00", "closes": "2027-01-01T00:00:00+08:00", "question": {"mn": "?", "en": "?"}, "articles": []}'
bad badkind '{"code": "78", "kind": "referendum", "title": {"mn": "Т", "en": "T"}, "opens": "2026-01-01T00:00:00+08:00", "closes": "2027-01-01T00:00:00+08:00", "question": {"mn": "?", "en": "?"}, "articles": []}'
bad badcode '{"code": "абв", "kind": "consultation", "title": {"mn": "Т", "en": "T"}, "opens": "2026-01-01T00:00:00+08:00", "closes": "2027-01-01T00:00:00+08:00", "question": {"mn": "?", "en": "?"}, "articles": []}'
bad baddate '{"code": "79", "kind": "consultation", "title": {"mn": "Т", "en": "T"}, "opens": "tomorrow", "closes": "2027-01-01T00:00:00+08:00", "question": {"mn": "?", "en": "?"}, "articles": []}'
if ctl consultation add "$T/no-such-file.json" >"$T/nofile.out" 2>&1; then fail "a missing file was accepted"; fi
grep -q 'no-such-file' "$T/nofile.out" || fail "missing file: the message does not name it: $(cat "$T/nofile.out")"
ok "missing file refused: $(head -1 "$T/nofile.out")"

# --- open / close ------------------------------------------------------------------------
ctl consultation close 12 || fail "consultation close 12"
check "state after close" "$(sql "SELECT state FROM item WHERE code = '12'")" closed
ctl consultation open 12 || fail "consultation open 12"
check "state after open" "$(sql "SELECT state FROM item WHERE code = '12'")" open
if ctl consultation close 99 >"$T/close99.out" 2>&1; then fail "closing unknown 99 succeeded"; fi
ok "closing an unknown code fails: $(head -1 "$T/close99.out")"

# --- report ------------------------------------------------------------------------------
start_sanald
kmo 99160001 "12 тийм" r1
kmo 99160002 "12 тийм" r2
kmo 99160003 "12 үгүй" r3
kmo 99160004 "12 3 Бэлчээрийн гэрээ таван жил бага байна" r4
kmo 99160005 "31 тийм" r5
check "last MO" "$HTTP_CODE" 200
ctl report 12 --format json >"$T/report12.json" 2>"$T/report12.err" ||
    { cat "$T/report12.err"; fail "report 12 --format json"; }
r=$(tr -d ' \n\t\r' <"$T/report12.json")
check_re "report 12: code" "$r" '"code":"12"'
check_re "report 12: kind" "$r" '"kind":"consultation"'
check_re "report 12: votes.support" "$r" '"votes":\{([^{}]*,)?"support":2[,}]'
check_re "report 12: votes.oppose" "$r" '"votes":\{([^{}]*,)?"oppose":1[,}]'
check_re "report 12: signatures" "$r" '"signatures":0[,}]'
check_re "report 12: comments" "$r" '"comments":1[,}]'
case $r in '{'*'}') ok "report 12 is one JSON object" ;; *) fail "report 12 is not a JSON object: $r" ;; esac
if command -v jq >/dev/null 2>&1; then
	jq -e '.code == "12" and .votes.support == 2 and .votes.oppose == 1 and .comments == 1' \
	    "$T/report12.json" >/dev/null || fail "jq disagrees with the report: $(cat "$T/report12.json")"
	ok "jq agrees"
fi
r=$(ctl report 31 --format json | tr -d ' \n\t\r') || fail "report 31 --format json"
check_re "report 31: kind" "$r" '"kind":"petition"'
check_re "report 31: signatures" "$r" '"signatures":1[,}]'
ctl report 12 --format text >"$T/report12.txt" 2>&1 || fail "report 12 --format text"
[ -s "$T/report12.txt" ] || fail "report 12 --format text printed nothing"
ok "text report: $(head -1 "$T/report12.txt")"
if ctl report 99 --format json >"$T/report99.out" 2>&1; then fail "report on unknown 99 succeeded"; fi
ok "report on an unknown code fails: $(head -1 "$T/report99.out")"
if ctl report 12 --format yaml >"$T/reportyaml.out" 2>&1; then fail "report --format yaml succeeded"; fi
ok "unknown report format fails: $(head -1 "$T/reportyaml.out")"
