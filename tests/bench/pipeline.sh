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
# Each app gets BENCH_PIPE_REPEAT runs (default 2) in ABBA order after one
# unmeasured warm-up run; the rates printed are per run and the mean.
#
# Environment: BENCH_PIPE_N (20000), BENCH_PIPE_WINDOW (50), BENCH_PIPE_REPEAT,
# BENCH_PIPE_TIMEOUT (300 s per run), BENCH_PIPE_STORE (file|none),
# SANAL_BUILD, BENCH_KEEP=1 (keeps configs and Kannel logs).
# Needs bearerbox, smsbox, node and tests/node_modules/smpp, the package the
# integration tests share (this script runs `npm ci --prefix tests` if it is
# missing; node finds it from smppsim.js by walking up to tests/node_modules).

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
if [ ! -d "$SRC_DIR/tests/node_modules/smpp" ]; then
	npm ci --prefix "$SRC_DIR/tests" --no-audit --no-fund --silent >&2 ||
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

# one NAME RUN [COUNT]: starts a fresh app (bare, or sanald on a fresh
# database), runs the pipeline once, stops the app. Sets RUN_LINE ("" if the
# app did not start).
one()
{
	local name=$1 run=$2 count=${3:-$N} saved=$N
	RUN_LINE="" REPLIES=""
	N=$count
	if [ "$name" = bare ]; then
		bench_start_bare "$BARE" "$KEY" || { warn "bare did not start"; N=$saved; return 1; }
		run_pipeline "bare$run" "$BARE_PID" "$BARE_PORT"
		bench_stop "$BARE_PID"
	else
		bench_init_db "$BENCH_TMP/pipe$run.db" &&
		bench_start_sanald "$BENCH_TMP/pipe$run.db" "$KEY" || { N=$saved; return 1; }
		run_pipeline "sanald$run" "$SANALD_PID" "$SANALD_PORT"
		bench_stop "$SANALD_PID"
	fi
	N=$saved
}

# mean FIELD LINE...: mean of a numeric field over result lines (MEAN_FMT
# sets the printf format, default %.1f).
mean()
{
	local f=$1
	shift
	for l in "$@"; do field "$l" "$f"; done |
		awk -v fmt="${MEAN_FMT:-%.1f}" 'NF { s += $1; n++ } END { if (n) printf fmt, s / n }'
}

BENCH_PORTS=""
REPEAT=${BENCH_PIPE_REPEAT:-2}
HAVE_SANALD=1
bench_have_sanald || HAVE_SANALD=0
# ABBA order (bare, sanald, sanald, bare, ...) so that drift in the shared
# machine's load and warm-up effects fall on both sides equally.
ORDER=""
i=0
while [ $i -lt "$REPEAT" ]; do
	if [ $((i % 2)) -eq 0 ]; then ORDER="$ORDER bare sanald"; else ORDER="$ORDER sanald bare"; fi
	i=$((i + 1))
done
say "pipeline: N=$N window=$WIN store=$STORE, runs:$ORDER; SMPP sim -> bearerbox -> smsbox -> app -> submit_sm"
# Unmeasured warm-up: first runs after a build are systematically slower.
one bare w $(( N / 10 > 1000 ? N / 10 : 1000 )) || exit 1
BL=() SL=()
run=0
for name in $ORDER; do
	run=$((run + 1))
	if [ "$name" = sanald ] && [ $HAVE_SANALD = 0 ]; then
		continue
	fi
	if ! one "$name" "$run" || [ -z "$RUN_LINE" ]; then
		say "  $name: did not run (see warnings)"
		continue
	fi
	show "$(printf '%-6s' "$name")" "$RUN_LINE"
	if [ "$name" = bare ]; then BL+=("$RUN_LINE"); else SL+=("$RUN_LINE"); fi
done
[ $HAVE_SANALD = 1 ] || say "  sanald: not available ($SANALD missing or a placeholder build)"

BR=$(mean rate "${BL[@]}")
SR=""
[ ${#SL[@]} -eq 0 ] || SR=$(mean rate "${SL[@]}")
say "  mean bare $BR msg/s over ${#BL[@]} runs${SR:+; mean sanald $SR msg/s over ${#SL[@]} runs}"
RATIO=n/a
if [ -n "$SR" ]; then
	RATIO=$(awk -v s="$SR" -v b="$BR" 'BEGIN { if (b > 0) printf "%.3f", s / b; else print "n/a" }')
	say "  ratio sanald/bare = $RATIO (goal >= 0.95)"
fi
SD=""
[ ${#SL[@]} -eq 0 ] || SD=$(MEAN_FMT=%.0f mean submits "${SL[@]}")
echo "RESULT pipeline n=$N runs=$REPEAT bare_rate=$BR bare_done=$(MEAN_FMT=%.0f mean submits "${BL[@]}") bare_load=$(mean load "${BL[@]}") sanald_rate=$SR sanald_done=$SD sanald_load=$([ ${#SL[@]} -eq 0 ] || mean load "${SL[@]}") ratio=$RATIO"
exit 0
