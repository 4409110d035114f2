#!/bin/bash
# SPDX-License-Identifier: ISC
#
# Outgoing messages: `sanalctl notify 12 --text ...` queues one SMS per
# participant of item 12 who has not opted out; sanald sends them through
# smsbox's sendsms, fakesmsc receives the Cyrillic text intact, and Kannel's
# delivery report from the fake SMSC sets outbox.dlr_status. Then, with smsbox
# stopped, a notification stays queued, is retried, and is delivered once
# smsbox is back: nothing lost, nothing doubled.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/integ/lib.sh"

start_sanald
start_kannel

P1=99120001 P2=88120002 P_OUT=95120003 P_OTHER=99120004
TEXT1='Бэлчээрийн тухай хуулийн төслийн хэлэлцүүлэг 2-р сарын 28-нд хаагдана. Өөрийн саналаа илгээгээрэй! Өө Үү'
TEXT2='Хоёр дахь мэдэгдэл: хэлэлцүүлгийн дүнг 3-р сард нийтэлнэ. Баярлалаа!'

# Participants of 12: two voters, one who then opts out; one of 31 only.
for p in $P1 $P2 $P_OUT; do
	mo $p "12 тийм"
	wait_mt $p "$CYR" 30 || fail "no reply to the vote from $p"
done
mo $P_OUT "ЗОГС"
wait_mt $P_OUT "$CYR" 30 || fail "no reply to ЗОГС"
check "opted out" "$(sql 'SELECT count(*) FROM participant WHERE opted_out <> 0')" 1
mo $P_OTHER "31 тийм"
wait_mt $P_OTHER "$CYR" 30 || fail "no reply to '31 тийм'"

# --- 1. notify through sendsms; DLR back from the fake SMSC -------------------
MT_MARK=$(mt_count)
mark1=$MT_MARK
ctl notify 12 --text "$TEXT1" >"$T/notify1.out" 2>&1 || { cat "$T/notify1.out"; fail "sanalctl notify"; }
check "outbox rows queued by notify" "$(sql 'SELECT count(*) FROM outbox')" 2
re1=$(printf '%s' "$TEXT1" | sed 's/[][\.*^$?+(){}|]/\\&/g')
for p in $P1 $P2; do
	wait_mt $p "^$re1\$" 60 || fail "notification to $p not received intact (last: '$MT_TEXT')"
	ok "$p received: $MT_TEXT"
done
sleep 2
check "notification to the opted-out phone" "$(mt_matches $P_OUT 'хаагдана' "$mark1")" 0
check "notification to a participant of 31 only" "$(mt_matches $P_OTHER 'хаагдана' "$mark1")" 0

for ((i = 0; i < 60; i++)); do
	n=$(sql "SELECT count(*) FROM outbox WHERE dlr_status IS NOT NULL")
	[ "$n" = 2 ] && break
	sleep 0.5
done
sql 'SELECT id, state, attempts, dlr_status FROM outbox' | sed 's/^/  outbox: /'
check "outbox rows with a DLR status" "$n" 2
check "outbox rows sent or delivered" \
    "$(sql "SELECT count(*) FROM outbox WHERE state IN ('sent', 'delivered')")" 2
grep -q 'GET /kannel/dlr' "$T/smsbox-access.log" 2>/dev/null ||
    grep -q '/kannel/dlr' "$T/smsbox.log" "$T/smsbox-access.log" 2>/dev/null ||
    echo "note: no DLR request in smsbox's logs (log-level 1)"

# --- 2. smsbox down: the message waits, is retried, and goes out later -------
stop_smsbox || true
mark2=$(mt_count)
MT_MARK=$mark2
ctl notify 12 --text "$TEXT2" >"$T/notify2.out" 2>&1 || { cat "$T/notify2.out"; fail "sanalctl notify (2)"; }
check "outbox rows after the second notify" "$(sql 'SELECT count(*) FROM outbox')" 4
for ((i = 0; i < 60; i++)); do
	n=$(sql "SELECT count(*) FROM outbox WHERE text = '$TEXT2' AND attempts >= 1")
	[ "$n" = 2 ] && break
	sleep 0.5
done
sql 'SELECT id, state, attempts, last_error FROM outbox' | sed 's/^/  outbox: /'
check "second notification attempted while smsbox is down" "$n" 2
check "second notification still queued" \
    "$(sql "SELECT count(*) FROM outbox WHERE text = '$TEXT2' AND state = 'queued'")" 2
check "MTs while smsbox is down" "$(mt_count)" "$mark2"
sleep 2
start_smsbox
ok "smsbox restarted"
re2=$(printf '%s' "$TEXT2" | sed 's/[][\.*^$?+(){}|]/\\&/g')
for p in $P1 $P2; do
	wait_mt $p "^$re2\$" 120 || fail "queued notification to $p never arrived"
	ok "$p received after the restart: $MT_TEXT"
done
sleep 3
for p in $P1 $P2; do
	check "copies of the second notification to $p" "$(mt_matches $p "^$re2\$" "$mark2")" 1
done
check "outbox rows failed" "$(sql "SELECT count(*) FROM outbox WHERE state = 'failed'")" 0
check "outbox rows still queued" "$(sql "SELECT count(*) FROM outbox WHERE state = 'queued'")" 0
