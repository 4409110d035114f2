#!/bin/bash
# SPDX-License-Identifier: ISC
#
# The tamper-evident audit trail: votes, comments, a signature, a change of
# vote and an erasure (УСТГА pseudonymises earlier rows) leave a chain that
# `sanalctl audit verify` accepts, with a head hash that /open/audit.json
# publishes for the day; then, each on a fresh copy
# of the database, a row edited, a row deleted, a row inserted without a hash
# and one inserted with a copied hash, all with the sqlite3 shell, are caught
# and the first bad row is named.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/integ/lib.sh"

start_sanald
kmo 99160001 "12 тийм" a-1
kmo 99160002 "12 үгүй" a-2
kmo 99160001 "12 3 Гэрээний хугацаа богино байна" a-3
kmo 99160003 "31 тийм" a-4
kmo 99160002 "12 тийм" a-5
kmo 99160003 "УСТГА" a-6
check "the erasure applied" "$HTTP_CODE" 200
stop_sanald
rows=$(sql "SELECT count(*) FROM audit")
check_re "audit rows written" "$rows" '^[6-9]$'
out=$(ctl audit verify) || fail "verify of an untouched trail failed: $out"
check_re "verify: intact" "$out" "^audit trail intact: $rows rows"
check_re "verify: head hash" "$out" '^head row [0-9]+ at .*: [0-9a-f]{64}$'
head1=$(ctl audit head | sed 's/.*: //')
check "the head is the verify's" "$head1" "$(printf '%s\n' "$out" | sed -n 's/^head row.*: //p')"


# The day's head is published at /open/audit.json once sanald runs again.
start_sanald
for i in 1 2 3 4 5 6 7 8 9 10; do
	http GET /open/audit.json
	case $HTTP_BODY in *'"hash"'*) break ;; esac
	sleep 0.2
done
check_re "open data publishes today's head" "$HTTP_BODY" "\"row\": $rows, \"hash\": \"$head1\""
stop_sanald

# copy SQL: a copy of the database with SQL applied.
copy() {
	rm -f "$T/copy.db" "$T/copy.db-wal" "$T/copy.db-shm"
	sqlite3 "$DB" ".backup '$T/copy.db'"
	cp "$DB.key" "$T/copy.db.key"
	sqlite3 "$T/copy.db" "$1" || fail "sqlite3: $1"
}

# tampered SQL: verify of a copy after SQL must fail; its answer in TAMPERED.
tampered() {
	copy "$1"
	TAMPERED=$("$SANALCTL" -d "$T/copy.db" audit verify) && fail "verify passed after: $1"
	return 0
}

tampered "UPDATE audit SET detail = 'support' WHERE id = 2"
check_re "an edited row is named" "$TAMPERED" '^audit row 2 was changed, or slipped in; rows 1 to 1 check out'
tampered "UPDATE audit SET ts = ts - 3600 WHERE id = 4"
check_re "a row moved in time is named" "$TAMPERED" '^audit row 4 was changed'
tampered "DELETE FROM audit WHERE id = 3"
check_re "a removed row is named" "$TAMPERED" '^audit row 3 removed \(the next row is 4\)'
# A trail cut at its end checks out by itself: only the published head shows it.
copy "DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)"
last=$(sql "SELECT max(id) FROM audit")
out=$("$SANALCTL" -d "$T/copy.db" audit verify) || fail "a trail cut at its end fails: $out"
check_re "a trail cut at its end still checks, but its head moved" "$out" "intact: $((last - 1)) rows"
[ "$("$SANALCTL" -d "$T/copy.db" audit head | sed 's/.*: //')" != "$head1" ] ||
    fail "the head hash did not change when the last row went"
ok "a removed last row shows as a different head hash than the one published"
tampered "INSERT INTO audit (id, ts, action, channel) VALUES ($((last + 1)), 1, 'vote', 'sms')"
check_re "a row without a hash is named" "$TAMPERED" "^audit row $((last + 1)) has no hash"
tampered "INSERT INTO audit (id, ts, action, channel, hash) SELECT $((last + 1)), ts, 'vote', 'web', hash FROM audit WHERE id = $last"
check_re "a row with a copied hash is named" "$TAMPERED" "^audit row $((last + 1)) was changed, or slipped in"
tampered "UPDATE audit SET id = id + 100 WHERE id = 2"
check_re "a renumbered row is named" "$TAMPERED" '^audit row 2 removed'
