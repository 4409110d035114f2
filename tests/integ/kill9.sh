#!/bin/bash
# SPDX-License-Identifier: ISC
#
# Crash safety: parallel clients send MOs straight to sanald (a unique id each),
# sanald is killed with SIGKILL in the middle, then restarted on the same
# database. Every MO that was answered 200 must be in the mo table, the
# database must pass PRAGMA integrity_check, and re-sending an acknowledged id
# must return the same reply without adding a row.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/integ/lib.sh"
need sqlite3

LOOPS=4			# parallel clients
PER_LOOP=150		# requests each, at most
KILL_AFTER=40		# acknowledged MOs before the kill

start_sanald
mkdir -p "$T/r"

# client N: PER_LOOP MOs; writes "id code" per request to $T/load.N and the
# reply body to $T/r/id. Stops early once sanald is gone for good.
client() {
	local n=$1 i id phone text code refused=0
	for ((i = 1; i <= PER_LOOP; i++)); do
		id="k9-$n-$i"
		phone=$(printf '88%d%05d' "$n" "$i")
		case $((i % 3)) in
		0) text="12 тийм" ;;
		1) text="12 үгүй" ;;
		2) text="12 3 Сэтгэгдэл $n-$i: бэлчээрийн даацыг зөв тогтоох хэрэгтэй" ;;
		esac
		code=$(curl -s -o "$T/r/$id" -w '%{http_code}' --max-time 10 -G \
		    --data-urlencode "key=$KEY" --data-urlencode "from=$phone" \
		    --data-urlencode "to=$SHORTCODE" --data-urlencode "text=$text" \
		    --data-urlencode "id=$id" --data-urlencode "ts=$(date +%s)" \
		    --data-urlencode "smsc=FAKE" --data-urlencode "coding=0" \
		    --data-urlencode "charset=UTF-8" --data-urlencode "meta=" \
		    "http://127.0.0.1:$SANAL_PORT/kannel/mo") || true
		echo "$id $code" >>"$T/load.$n"
		if [ "$code" = 000 ]; then
			refused=$((refused + 1))
			[ "$refused" -ge 10 ] && break
		fi
	done
}

t0=$(date +%s)
for ((n = 1; n <= LOOPS; n++)); do
	client "$n" &
	PIDS[client$n]=$!
done

# Kill -9 once enough MOs were acknowledged (or after 20 s at most).
for ((i = 0; i < 200; i++)); do
	acked=$(cat "$T"/load.* 2>/dev/null | grep -c ' 200$' || true)
	[ "$acked" -ge "$KILL_AFTER" ] && break
	alive sanald || fail "sanald died under load before the kill"
	sleep 0.1
done
kill -KILL "${PIDS[sanald]}"
{ wait "${PIDS[sanald]}"; } 2>/dev/null
unset 'PIDS[sanald]'
ok "sanald killed with SIGKILL after $acked acknowledged MOs"

for ((n = 1; n <= LOOPS; n++)); do
	{ wait "${PIDS[client$n]}"; } 2>/dev/null
	unset "PIDS[client$n]"
done
ok "clients done in $(( $(date +%s) - t0 ))s"

cat "$T"/load.* >"$T/load.all"
nreq=$(grep -c . "$T/load.all")
nack=$(grep -c ' 200$' "$T/load.all" || true)
nrefused=$(grep -c ' 000$' "$T/load.all" || true)
nother=$((nreq - nack - nrefused))
ok "$nreq requests: $nack answered 200, $nrefused got no answer, $nother other"
[ "$nack" -ge "$KILL_AFTER" ] || fail "only $nack MOs acknowledged before the kill"
[ "$nrefused" -ge 1 ] || fail "no request failed: the kill did not happen mid-load"
grep -v -E ' (200|000)$' "$T/load.all" | head -5 | sed 's/^/  other: /'
grep -E ' 5[0-9][0-9]$' "$T/load.all" | grep -v ' 503$' | head -1 | grep -q . &&
    fail "sanald answered 5xx (not 503) under load: $(grep -E ' 5[0-9][0-9]$' "$T/load.all" | head -3 | tr '\n' ' ')"

# The database after the crash, before sanald opens it again.
check "PRAGMA integrity_check after SIGKILL" "$(sql 'PRAGMA integrity_check')" ok

start_sanald
ok "sanald restarted on the same database"
check "PRAGMA integrity_check after restart" "$(sql 'PRAGMA integrity_check')" ok

grep ' 200$' "$T/load.all" | cut -d' ' -f1 | sort >"$T/acked"
sql 'SELECT kannel_id FROM mo' | sort >"$T/stored"
lost=$(comm -23 "$T/acked" "$T/stored")
if [ -n "$lost" ]; then
	echo "$lost" | head -10 | sed 's/^/  lost: /' >&2
	fail "$(echo "$lost" | grep -c .) acknowledged MOs are not in the mo table"
fi
ok "all $nack acknowledged MOs are in the mo table ($(grep -c . "$T/stored") rows)"
check "mo rows with the same id" "$(sql 'SELECT count(*) - count(DISTINCT kannel_id) FROM mo')" 0

# Re-send three acknowledged ids: same reply, no new row.
rows=$(sql 'SELECT count(*) FROM mo')
for id in $(head -1 "$T/acked") $(sed -n "$(( (nack + 1) / 2 ))p" "$T/acked") $(tail -1 "$T/acked"); do
	n=${id#k9-}; n=${n%%-*}; i=${id##*-}
	case $((i % 3)) in
	0) text="12 тийм" ;;
	1) text="12 үгүй" ;;
	2) text="12 3 Сэтгэгдэл $n-$i: бэлчээрийн даацыг зөв тогтоох хэрэгтэй" ;;
	esac
	kmo "$(printf '88%d%05d' "$n" "$i")" "$text" "$id"
	check "re-sent $id" "$HTTP_CODE" 200
	[ "$HTTP_BODY" = "$(cat "$T/r/$id")" ] ||
	    fail "re-sent $id: reply '$HTTP_BODY' differs from the first '$(cat "$T/r/$id")'"
	ok "re-sent $id: same reply"
done
check "mo rows after the re-sends" "$(sql 'SELECT count(*) FROM mo')" "$rows"
