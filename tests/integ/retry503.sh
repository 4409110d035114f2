#!/bin/bash
# SPDX-License-Identifier: ISC
#
# While another process holds SQLite's write lock, sanald answers MOs with 503
# and Retry-After (storing nothing); Kannel's http-request-retry sends them
# again; once the lock is released each MO is stored exactly once, each phone
# gets one reply, and /metrics counts the 503s.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/integ/lib.sh"
need sqlite3

LOCK_SECONDS=8
KANNEL_RETRY=15		# x http-queue-delay 1 s, plus sanald's own busy wait
start_sanald
start_kannel

# count503: the sum of the /metrics samples about answers of 503 (a busy
# counter, or a counter labelled with code 503).
count503() {
	curl -s --max-time 5 "http://127.0.0.1:$SANAL_PORT/metrics" | grep -v '^#' |
	    grep -E '^[a-z_]*busy[a-z_]*[ {]|"503"|_503[_ {]' | awk '{ s += $NF } END { printf "%d\n", s }'
}

# Warm up: one MO end to end, so the numbers below are deltas.
mo 99130000 "12 тийм"
wait_mt 99130000 "$CYR" 30 || fail "no reply to the warm-up MO"
mo0=$(sql 'SELECT count(*) FROM mo')
votes0=$(sql 'SELECT count(*) FROM vote')
m503_0=$(count503)

# Another writer takes the lock and keeps it for LOCK_SECONDS.
rm -f "$T/locked"
printf 'BEGIN IMMEDIATE;\n.shell touch %s\n.shell sleep %d\nCOMMIT;\n' \
    "$T/locked" "$LOCK_SECONDS" | sqlite3 "$DB" >"$T/locker.log" 2>&1 &
PIDS[locker]=$!
for ((i = 0; i < 50; i++)); do [ -f "$T/locked" ] && break; sleep 0.1; done
[ -f "$T/locked" ] || fail "the locking sqlite3 did not get the lock"
t0=$(date +%s)
ok "write lock held for ${LOCK_SECONDS}s"

# Three MOs through Kannel, and one straight to sanald.
mo 99130001 "12 тийм"
mo 88130002 "12 ugui"
mo 95130003 "12 үгүй"
MT_MARK=0
kmo 91130004 "12 тийм" "direct-$$"
check "direct MO during the lock" "$HTTP_CODE" 503
check_re "503 carries Retry-After" "$HTTP_HEADERS" '^[Rr]etry-[Aa]fter: *[0-9]+'
elapsed=$(( $(date +%s) - t0 ))
[ "$elapsed" -lt "$LOCK_SECONDS" ] || fail "the direct MO took until the lock was gone (${elapsed}s): not a busy answer"

wait "${PIDS[locker]}" || { cat "$T/locker.log"; fail "the locking sqlite3 failed"; }
unset 'PIDS[locker]'
ok "lock released after $(( $(date +%s) - t0 ))s"

for p in 99130001 88130002 95130003; do
	wait_mt $p '.' 60 || fail "no reply to $p after the lock was released"
	ok "$p: $MT_TEXT"
done
sleep 2
for p in 99130001 88130002 95130003; do
	check "replies to $p" "$(mt_matches $p '.')" 1
done
grep -Eq "reply: 503|reply: 5[0-9][0-9]" "$T/smsbox-access.log" ||
    echo "note: smsbox's access log shows no 503 (it logs only the final answer)"

check "mo rows added" "$(( $(sql 'SELECT count(*) FROM mo') - mo0 ))" 3
check "vote rows added" "$(( $(sql 'SELECT count(*) FROM vote') - votes0 ))" 3
check "direct MO answered 503 left no row" "$(sql "SELECT count(*) FROM mo WHERE kannel_id = 'direct-$$'")" 0
check "support/oppose split of the new votes" \
    "$(sql "SELECT group_concat(choice) FROM (SELECT choice FROM vote ORDER BY choice)")" \
    "oppose,oppose,support,support"
m503=$(count503)
curl -s "http://127.0.0.1:$SANAL_PORT/metrics" | grep -v '^#' | grep -E '^[a-z_]*busy[a-z_]*[ {]|"503"|_503[_ {]' | sed 's/^/  metrics: /'
[ "$((m503 - m503_0))" -ge 4 ] || fail "/metrics counts $((m503 - m503_0)) 503s, expected at least 4"
ok "/metrics counts $((m503 - m503_0)) answers of 503"
