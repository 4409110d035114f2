#!/bin/bash
# SPDX-License-Identifier: ISC
# Benchmark 2: MO round trips per second through the real Kannel pipeline:
#   smppsim.js (SMSC, npm smpp) --deliver_sm--> bearerbox --> smsbox
#   --HTTP get-url--> application --reply--> smsbox --> bearerbox
#   --submit_sm--> smppsim.js
# measured with the same N messages and window first against bare.c (a
# trivial responder: Kannel's own ceiling on this machine) and then against
# sanald on a fresh database. Prints both rates (first deliver_sm to last
# submit_sm), the ratio sanald/bare (goal >= 0.95), the CPU seconds each
# process used, and the 1-minute load average before each run.
# Prints figures only; never fails on a slow result.
#
# Kannel config as in ../shared/kannel/NOTES.md section 4: store-type file,
# log-level 2 (and -v 2 on stderr: the default stderr level is debug, which
# halves throughput), access logs on, mo-recode, max-pending-submits 100,
# http-request-retry 2; the sms-service URL is the one DESIGN.md documents.
#
# Environment: BENCH_PIPE_N (20000), BENCH_PIPE_WINDOW (50),
# BENCH_PIPE_TIMEOUT (300 s per run), BENCH_PIPE_STORE (file|none),
# SANAL_BUILD, BENCH_KEEP=1 (keeps configs and Kannel logs).
# Needs bearerbox, smsbox, node and tests/bench/node_modules/smpp (this
# script runs `npm install` in tests/bench if it is missing).

set -u
. "$(dirname "$0")/lib.sh"

N=${BENCH_PIPE_N:-20000}
WIN=${BENCH_PIPE_WINDOW:-50}
TMO=${BENCH_PIPE_TIMEOUT:-300}
STORE=${BENCH_PIPE_STORE:-file}
BEARERBOX=${BEARERBOX:-/usr/sbin/bearerbox}
SMSBOX=${SMSBOX:-/usr/sbin/smsbox}
KEY=bench-$$-$RANDOM

for t in "$BEARERBOX" "$SMSBOX"; do
	[ -x "$t" ] || { say "pipeline: skipped ($t not found)"; echo "RESULT pipeline skipped=1"; exit 0; }
done
command -v node >/dev/null || { say "pipeline: skipped (no node)"; echo "RESULT pipeline skipped=1"; exit 0; }
if [ ! -d "$BENCH_DIR/node_modules/smpp" ]; then
	(cd "$BENCH_DIR" && npm install --no-audit --no-fund --silent) >&2 ||
		{ say "pipeline: skipped (npm install smpp failed)"; echo "RESULT pipeline skipped=1"; exit 0; }
fi

bench_tmpdir
BARE=$(bench_build_bare) || exit 1

# CPU seconds (user+system) a live process has used so far.
cpu_s()
{
	awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$1/stat" 2>/dev/null || echo "?"
}

# write_conf DIR APPPORT: Kannel config for one run; sets *_PORT variables.
write_conf()
{
	local dir=$1 app=$2 store
	ADMIN_PORT=$(bench_free_port "$BENCH_PORTS") && BENCH_PORTS="$BENCH_PORTS $ADMIN_PORT"
	BOX_PORT=$(bench_free_port "$BENCH_PORTS") && BENCH_PORTS="$BENCH_PORTS $BOX_PORT"
	SEND_PORT=$(bench_free_port "$BENCH_PORTS") && BENCH_PORTS="$BENCH_PORTS $SEND_PORT"
	SMPP_PORT=$(bench_free_port "$BENCH_PORTS") && BENCH_PORTS="$BENCH_PORTS $SMPP_PORT"
	case $STORE in
	file) store="store-type = file
store-location = \"$dir/store\"" ;;
	*) store="" ;;
	esac
	# A blank line ends a group in Kannel's config: keep groups contiguous.
	cat >"$dir/kannel.conf" <<EOF
group = core
admin-port = $ADMIN_PORT
admin-interface = 127.0.0.1
admin-password = bench
status-password = bench
admin-allow-ip = "127.0.0.1"
smsbox-port = $BOX_PORT
smsbox-interface = 127.0.0.1
box-allow-ip = "127.0.0.1"
log-file = "$dir/bearerbox.log"
log-level = 2
access-log = "$dir/bearerbox-access.log"
dlr-storage = internal
$store

group = smsc
smsc = smpp
smsc-id = SMPPSIM
host = 127.0.0.1
port = $SMPP_PORT
transceiver-mode = true
smsc-username = kannel
smsc-password = secret
system-type = ""
interface-version = 34
reconnect-delay = 2
enquire-link-interval = 30
max-pending-submits = 100

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = $BOX_PORT
sendsms-port = $SEND_PORT
sendsms-interface = 127.0.0.1
log-file = "$dir/smsbox.log"
log-level = 2
access-log = "$dir/smsbox-access.log"
mo-recode = true
http-request-retry = 2
http-queue-delay = 3

group = sms-service
keyword = default
name = sanal
catch-all = true
get-url = "http://127.0.0.1:$app/kannel/mo?key=$KEY&from=%p&to=%P&text=%b&id=%I&ts=%T&smsc=%i&coding=%c&charset=%C&meta=%D"
accept-x-kannel-headers = true
max-messages = 1
omit-empty = true
EOF
}

# run_pipeline NAME APPPID APPPORT: one measured run with fresh boxes.
# Sets RUN_LINE to "SMPP-BENCH ..." extended with load= and cpu_*= fields
# and REPLIES to the sample replies. Runs in the main shell (not in $(...))
# so that the PIDs it tracks are cleaned up on an early exit.
run_pipeline()
{
	local name=$1 apppid=$2 app=$3 dir="$BENCH_TMP/run-$1" sim bb sb i load c0
	mkdir -p "$dir"
	write_conf "$dir" "$app"
	node "$BENCH_DIR/smppsim.js" "$SMPP_PORT" "$N" "$WIN" "$TMO" >"$dir/sim.out" 2>"$dir/sim.err" &
	sim=$!
	bench_track "$sim"
	bench_wait_port "$SMPP_PORT" 10 "$sim" || { warn "$name: simulator did not listen"; return 1; }
	"$BEARERBOX" -v 2 "$dir/kannel.conf" >"$dir/bearerbox.out" 2>&1 &
	bb=$!
	bench_track "$bb"
	bench_wait_port "$BOX_PORT" 10 "$bb" || { warn "$name: bearerbox did not start"; return 1; }
	"$SMSBOX" -v 2 "$dir/kannel.conf" >"$dir/smsbox.out" 2>&1 &
	sb=$!
	bench_track "$sb"
	bench_wait_port "$SEND_PORT" 10 "$sb" || { warn "$name: smsbox did not start"; return 1; }
	# Wait for the SMPP bind and for smsbox to be attached to bearerbox.
	i=0
	while [ $i -lt 100 ]; do
		if grep -q SMPP-BOUND "$dir/sim.out" &&
		   curl -s "http://127.0.0.1:$ADMIN_PORT/status.txt?password=bench" | grep -q 'smsbox:.*on-line'; then
			break
		fi
		sleep 0.1
		i=$((i + 1))
	done
	[ $i -lt 100 ] || warn "$name: bind or smsbox attach not seen in 10 s; starting anyway"
	load=$(bench_load)
	c0=$(cpu_s "$apppid")
	kill -USR1 "$sim"
	i=0
	while kill -0 "$sim" 2>/dev/null && [ $i -lt $(( (TMO + 30) * 10 )) ]; do
		sleep 0.1
		i=$((i + 1))
	done
	RUN_LINE="$(grep '^SMPP-BENCH' "$dir/sim.out") load=$load cpu_bearerbox=$(cpu_s "$bb") cpu_smsbox=$(cpu_s "$sb") cpu_app=$(awk -v a="$(cpu_s "$apppid")" -v b="$c0" 'BEGIN { printf "%.1f", a - b }')"
	REPLIES=$(sed -n 's/^SMPP-REPLY //p' "$dir/sim.out")
	bench_stop "$sim"
	bench_stop "$sb"
	bench_stop "$bb"
}

show()
{
	local label=$1 l=$2
	say "  $label: $(field "$l" rate) msg/s  ($(field "$l" submits)/$(field "$l" n) replies in $(field "$l" elapsed_s) s, UCS-2 replies $(field "$l" ucs2_submits); CPU s bearerbox $(field "$l" cpu_bearerbox) smsbox $(field "$l" cpu_smsbox) app $(field "$l" cpu_app); load $(field "$l" load))"
	printf '%s\n' "$REPLIES" | sed -n '1,2s/^/      reply: /p'
}

BENCH_PORTS=""
say "pipeline: N=$N window=$WIN store=$STORE; SMPP sim -> bearerbox -> smsbox -> app -> submit_sm"
bench_start_bare "$BARE" "$KEY" || { warn "bare did not start"; exit 1; }
RUN_LINE="" REPLIES=""
run_pipeline bare "$BARE_PID" "$BARE_PORT"
B=$RUN_LINE
bench_stop "$BARE_PID"
show "bare  " "$B"

S=""
if ! bench_have_sanald; then
	say "  sanald: not available ($SANALD missing or a placeholder build)"
elif bench_init_db "$BENCH_TMP/pipe.db" &&
     bench_start_sanald "$BENCH_TMP/pipe.db" "$KEY"; then
	RUN_LINE="" REPLIES=""
	run_pipeline sanald "$SANALD_PID" "$SANALD_PORT"
	S=$RUN_LINE
	bench_stop "$SANALD_PID"
	show "sanald" "$S"
else
	say "  sanald: did not start"
fi

RATIO=n/a
if [ -n "$S" ]; then
	RATIO=$(awk -v s="$(field "$S" rate)" -v b="$(field "$B" rate)" 'BEGIN { if (b > 0) printf "%.3f", s / b; else print "n/a" }')
	say "  ratio sanald/bare = $RATIO (goal >= 0.95)"
fi
echo "RESULT pipeline n=$N bare_rate=$(field "$B" rate) bare_done=$(field "$B" submits) bare_load=$(field "$B" load) sanald_rate=$(field "$S" rate) sanald_done=$(field "$S" submits) sanald_load=$(field "$S" load) ratio=$RATIO"
exit 0
