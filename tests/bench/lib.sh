# SPDX-License-Identifier: ISC
# Helpers shared by the benchmark scripts in tests/bench/. Sourced, not run.
#
# Paths are derived from this file's location, never from top_srcdir (make
# bench does not set it). The build directory is, in order: $SANAL_BUILD; the
# current directory if it holds a built sanald (make bench runs there); else
# ../../build next to the source tree.
#
# Every process a benchmark starts is recorded with bench_track PID and
# stopped by that PID only (bench_cleanup, installed as an EXIT trap).
# Every listener binds 127.0.0.1 on a port checked free with ss(8).

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")" && pwd)
SRC_DIR=$(cd "$BENCH_DIR/../.." && pwd)
if [ -n "${SANAL_BUILD:-}" ]; then
	BUILD_DIR=$(cd "$SANAL_BUILD" && pwd)
elif [ -x ./sanald ] && [ -x ./sanalctl ]; then
	BUILD_DIR=$(pwd)
else
	BUILD_DIR="$SRC_DIR/build"
fi
SANALD="$BUILD_DIR/sanald"
SANALCTL="$BUILD_DIR/sanalctl"
if [ -z "${SANAL_LOCALEDIR:-}" ] && [ -d "$BUILD_DIR/locales/sanal" ]; then
	SANAL_LOCALEDIR="$BUILD_DIR/locales/sanal"
	export SANAL_LOCALEDIR
fi

BENCH_PIDS=""
BENCH_TMP=""

say() { printf '%s\n' "$*"; }
warn() { printf '%s: %s\n' "${0##*/}" "$*" >&2; }

# Creates the run's scratch directory (removed on exit unless BENCH_KEEP=1).
bench_tmpdir()
{
	BENCH_TMP=$(mktemp -d "${TMPDIR:-/tmp}/sanal-bench.XXXXXX")
	BENCH_MAIN=$BASHPID
	trap bench_cleanup EXIT
	trap 'exit 130' INT TERM
}

# Remembers a PID that this script started.
bench_track() { BENCH_PIDS="$BENCH_PIDS $1"; }

# Stops one process we started: TERM, wait up to 5 s, then KILL.
bench_stop()
{
	local pid=$1 i=0
	[ -n "$pid" ] || return 0
	kill -0 "$pid" 2>/dev/null || return 0
	kill -TERM "$pid" 2>/dev/null
	while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if kill -0 "$pid" 2>/dev/null; then
		warn "pid $pid ignored SIGTERM for 5 s; sending SIGKILL"
		kill -KILL "$pid" 2>/dev/null
	fi
	wait "$pid" 2>/dev/null
	BENCH_PIDS=$(printf '%s\n' $BENCH_PIDS | grep -vx "$pid" | tr '\n' ' ')
	return 0
}

# Stops what is left, newest first; removes the scratch directory.
bench_cleanup()
{
	local pid rev=""
	# Subshells (pipelines, $(...)) must not clean up the main shell's run.
	[ "$BASHPID" = "${BENCH_MAIN:-}" ] || return 0
	for pid in $BENCH_PIDS; do rev="$pid $rev"; done
	for pid in $rev; do bench_stop "$pid"; done
	if [ -n "$BENCH_TMP" ] && [ -d "$BENCH_TMP" ]; then
		if [ "${BENCH_KEEP:-0}" = 1 ]; then
			warn "kept $BENCH_TMP"
		else
			rm -rf "$BENCH_TMP"
		fi
	fi
}

# Prints a TCP port on 127.0.0.1 that no socket uses (in any state) and that
# is not in the space-separated list $1 (ports already handed out). Ports
# come from below the kernel's ephemeral range, so outgoing connections of
# other programs do not take them between the check and the bind.
bench_free_port()
{
	local p n=0 lo hi
	read -r lo hi </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || lo=32768
	hi=$((lo - 1))
	lo=$((hi > 20000 ? 10000 : 1024))
	while [ $n -lt 200 ]; do
		p=$((lo + (RANDOM * 32768 + RANDOM) % (hi - lo + 1)))
		n=$((n + 1))
		case " $1 " in *" $p "*) continue ;; esac
		if [ -z "$(ss -Htan "sport = :$p" 2>/dev/null)" ]; then
			echo "$p"
			return 0
		fi
	done
	return 1
}

# Waits until 127.0.0.1:$1 accepts connections, or $2 seconds (default 10)
# pass, or process $3 (if given) dies.
bench_wait_port()
{
	local port=$1 limit=$(( ${2:-10} * 10 )) pid=${3:-} i=0
	while [ $i -lt $limit ]; do
		if [ -n "$(ss -Hltn "sport = :$port" 2>/dev/null)" ]; then
			return 0
		fi
		if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
			return 1
		fi
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# 1-minute load average.
bench_load() { cut -d' ' -f1 /proc/loadavg; }

# Builds bare.c into the scratch directory; prints the binary's path.
bench_build_bare()
{
	local out="$BENCH_TMP/bare"
	# shellcheck disable=SC2046
	if ! cc -O2 -o "$out" "$BENCH_DIR/bare.c" $(pkg-config --cflags --libs libevent); then
		warn "cannot build bare.c (cc, pkg-config libevent)"
		return 1
	fi
	echo "$out"
}

# Starts bare on a free port with key $1; sets BARE_PID and BARE_PORT.
bench_start_bare()
{
	local bin=$1 key=$2 try
	for try in 1 2 3; do
		BARE_PORT=$(bench_free_port "${BENCH_PORTS:-}") || return 1
		BENCH_PORTS="${BENCH_PORTS:-} $BARE_PORT"
		"$bin" "$BARE_PORT" "$key" 2>>"$BENCH_TMP/bare.log" &
		BARE_PID=$!
		bench_track "$BARE_PID"
		bench_wait_port "$BARE_PORT" 5 "$BARE_PID" && return 0
		bench_stop "$BARE_PID"
	done
	return 1
}

# True if sanald and sanalctl look like real programs, not the build
# skeleton's placeholders (int main(void){return 0;}): the real sanald
# carries its "listening on" log format.
bench_have_sanald()
{
	[ -x "$SANALD" ] && [ -x "$SANALCTL" ] || return 1
	grep -aq 'listening on' "$SANALD"
}

# Creates a fresh database $1 with the benchmark consultation (12) and
# petition (31). Output goes to $BENCH_TMP/sanalctl.log.
bench_init_db()
{
	local db=$1
	{
		"$SANALCTL" -d "$db" init &&
		"$SANALCTL" -d "$db" consultation add "$BENCH_DIR/consult12.json" &&
		"$SANALCTL" -d "$db" consultation add "$BENCH_DIR/petition31.json"
	} >>"$BENCH_TMP/sanalctl.log" 2>&1 || {
		warn "sanalctl failed; see below"
		tail -5 "$BENCH_TMP/sanalctl.log" >&2
		return 1
	}
}

# Starts sanald on database $1 with key $2 on a free port, extra args after;
# sets SANALD_PID and SANALD_PORT.
bench_start_sanald()
{
	local db=$1 key=$2 try
	shift 2
	for try in 1 2 3; do
		SANALD_PORT=$(bench_free_port "${BENCH_PORTS:-}") || return 1
		BENCH_PORTS="${BENCH_PORTS:-} $SANALD_PORT"
		"$SANALD" -d "$db" -l "127.0.0.1:$SANALD_PORT" -k "$key" "$@" \
			2>>"$BENCH_TMP/sanald.log" &
		SANALD_PID=$!
		bench_track "$SANALD_PID"
		bench_wait_port "$SANALD_PORT" 15 "$SANALD_PID" && return 0
		bench_stop "$SANALD_PID"
	done
	warn "sanald did not listen on 127.0.0.1 (3 tries); its log:"
	tail -5 "$BENCH_TMP/sanald.log" >&2
	return 1
}

# Runs wrk with mo.lua: bench_wrk URL THREADS CONNS SECONDS KEY RUNTAG [PHONES]
# Prints the MO-LUA line.
bench_wrk()
{
	local url=$1 t=$2 c=$3 d=$4 key=$5 tag=$6 phones=${7:-400000}
	wrk -t"$t" -c"$c" -d"${d}s" --timeout 10s -s "$BENCH_DIR/mo.lua" "$url" \
		-- "$key" "$tag" "$phones" 2>&1 | grep '^MO-LUA' || {
		warn "wrk produced no MO-LUA line"
		echo "MO-LUA requests=0 duration_s=0 rps=0 non2xx=0 errors=0 p50_ms=0 p90_ms=0 p99_ms=0 max_ms=0"
	}
}

# Extracts field $2 from a "KEY=value ..." line $1.
field() { printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -1; }

# Prints VmRSS and VmHWM of $1 in KiB, space-separated.
bench_rss()
{
	awk '/^VmRSS:/ {r=$2} /^VmHWM:/ {h=$2} END {print r+0, h+0}' "/proc/$1/status" 2>/dev/null
}
