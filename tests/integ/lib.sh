# SPDX-License-Identifier: ISC
# shellcheck shell=bash
#
# Shared harness for the integration tests in tests/integ/. Each test sources
# this file, then calls the pieces it needs:
#
#   start_sanald            sanald from $top_builddir on a free loopback port
#   start_kannel            bearerbox, smsbox and fakesmsc (the "operator"),
#                           configured like etc/kannel.conf but on free ports
#   start_kannel_smpp SCEN  the same boxes with ussd_smsc.js, an SMPP SMSC, as
#                           the operator's USSD gateway playing scenario SCEN
#   ussd_run, ussd_answer   play the scenario; read the answer to one step
#   mo PHONE TEXT           one MO from a phone through fakesmsc
#   wait_mt PHONE RE [T]    wait until fakesmsc receives an MT for PHONE whose
#                           decoded text matches the extended regex RE
#   kmo/http/sql/fail/ok    direct HTTP to sanald, sqlite3 queries, verdicts
#
# Everything runs in a fresh mktemp -d directory, removed when the test passes
# and kept (and its logs printed) when it fails. Every listener is bound to
# 127.0.0.1 on a random free port, so tests can run in parallel. Only the
# processes started here are stopped, by their recorded PID, in the order
# fakesmsc (SIGINT), sanald, smsbox, bearerbox, ussd_smsc.js.
#
# Needs only bash, coreutils, curl, sqlite3 and iconv (and Kannel's bearerbox,
# smsbox and fakesmsc for the tests that call start_kannel; bearerbox, smsbox,
# node and the npm package smpp for those that call start_kannel_smpp).

set -u
set -o pipefail
# UTF-8 character semantics for grep and sed (Cyrillic ranges such as [А-Я]);
# C.UTF-8 is always present on Debian.
export LC_ALL=C.UTF-8

: "${top_srcdir:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${SANAL_LOCALEDIR:=$top_builddir/locales/sanal}"
export SANAL_LOCALEDIR
: "${SANALD:=$top_builddir/sanald}"
: "${SANALCTL:=$top_builddir/sanalctl}"
: "${BEARERBOX:=/usr/sbin/bearerbox}"
: "${SMSBOX:=/usr/sbin/smsbox}"
: "${FAKESMSC:=/usr/lib/kannel/test/fakesmsc}"
# ASan: no leak report at exit for the daemon we kill, and abort on error so a
# memory error is a crash the test notices.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

# --- encoding helpers ----------------------------------------------------------

# urlenc_bytes: stdin bytes -> %XX for everything but [A-Za-z0-9], no newline.
urlenc_bytes() {
	od -An -v -tx1 | tr -s ' \n' '  ' | sed 's/^ //; s/ $//' | {
		read -r -a hx || true
		local h out=
		for h in "${hx[@]}"; do
			case $h in
			3[0-9]|4[1-9a-f]|5[0-9a]|6[1-9a-f]|7[0-9a])
				out+=$(printf "\\x$h") ;;
			*) out+="%$h" ;;
			esac
		done
		printf '%s' "$out"
	}
}

# urldec_bytes STRING: %XX and '+' (0x20) -> raw bytes on stdout.
urldec_bytes() {
	local s=${1//+/%20}
	s=${s//\\/%5C}
	printf '%b' "${s//%/\\x}"
}

# mt_decode TYPE DATA: one fakesmsc MT payload as UTF-8 text.
mt_decode() {
	case $1 in
	ucs-2|ucs2) urldec_bytes "$2" | iconv -f UTF-16BE -t UTF-8 ;;
	data) urldec_bytes "$2" ;;
	*) printf '%s' "$2" ;;
	esac
}

# mt_list [FROM]: decoded MTs fakesmsc received after the FROM-th one, one per
# line as "PHONE<TAB>TYPE<TAB>TEXT" (PHONE in national form, see phone_norm;
# TYPE: text, data, ucs-2; a concatenated message has the type of its parts); concatenated parts (UDH 05 00 03 ref n i) joined.
# fakesmsc prints "Got message N: <sender receiver type data>".
mt_list() {
	local from=${1:-0} line n=0 rest snd rcv typ data udh txt
	declare -A part_txt=() part_n=() part_phone=()
	while IFS= read -r line; do
		case $line in *"Got message "*": <"*">"*) ;; *) continue ;; esac
		n=$((n + 1))
		[ "$n" -gt "$from" ] || continue
		rest=${line#*: <}
		rest=${rest%>*}
		read -r snd rcv typ data <<<"$rest"
		if [ "$typ" = udh ]; then
			# udh <urlenc udh> <type> <data>
			udh=${data%% *}
			data=${data#* }
			typ=${data%% *}
			data=${data#* }
			local ux ref tot idx key
			ux=$(urldec_bytes "$udh" | od -An -v -tx1 | tr -d ' \n')
			ref=${ux:6:2}; tot=$((16#${ux:8:2})); idx=$((16#${ux:10:2}))
			key="$rcv/$ref"
			# fakesmsc prints every concatenated part as "data": UCS-2
			# text starts with a 0x00-0x1f high byte, GSM text does not.
			if [ "$typ" = data ] && [ "${data:0:1}" = % ] &&
			    [ $((16#${data:1:2})) -lt 32 ]; then typ=ucs-2; fi
			part_txt["$key/$idx"]=$(mt_decode "$typ" "$data")
			part_n[$key]=$(( ${part_n[$key]:-0} + 1 ))
			if [ "${part_n[$key]}" = "$tot" ]; then
				txt=
				for ((idx = 1; idx <= tot; idx++)); do txt+=${part_txt["$key/$idx"]}; done
				printf '%s\t%s\t%s\n' "$(phone_norm "$rcv")" "$typ" "$txt"
			fi
			continue
		fi
		printf '%s\t%s\t%s\n' "$(phone_norm "$rcv")" "$typ" "$(mt_decode "$typ" "$data")"
	done <"$FAKESMSC_LOG"
}

# phone_norm NUMBER: national form (drops "+", and "976" before 8 digits), so
# an MT to +97699112233 counts as one to 99112233.
phone_norm() {
	local p=${1#+}
	[ "${#p}" = 11 ] && [ "${p#976}" != "$p" ] && p=${p#976}
	printf '%s' "$p"
}

# mt_count: MTs (parts) fakesmsc has received so far.
mt_count() { grep -c 'Got message ' "$FAKESMSC_LOG" 2>/dev/null || true; }

# mo_line PHONE TO TEXT: the fakesmsc input line for an MO. Text with any
# non-ASCII character goes as UCS-2 (url-encoded UTF-16BE), as phones send
# Cyrillic, when that fits fakesmsc's 256-byte line; otherwise as raw UTF-8
# (coding 0). Returns 1 if even that is too long.
mo_line() {
	local phone=$1 to=$2 text=$3 enc
	if printf '%s' "$text" | LC_ALL=C grep -q '[^ -~]'; then
		enc=$(printf '%s' "$text" | iconv -f UTF-8 -t UTF-16BE | urlenc_bytes) || return 1
		if [ $(( ${#phone} + ${#to} + ${#enc} + 7 )) -lt 250 ]; then
			printf '%s %s ucs2 %s\n' "$phone" "$to" "$enc"
			return 0
		fi
	fi
	local line="$phone $to text $text"
	[ "$(printf '%s' "$line" | LC_ALL=C wc -c)" -lt 250 ] || return 1
	printf '%s\n' "$line"
}

# Sourced only for the codec (scripts/sms does): stop here.
[ "${SANAL_CODEC_ONLY:-0}" = 1 ] && return 0

FAKESMSC_LOG=
TEST_NAME=$(basename "$0" .sh)
T=$(mktemp -d "${TMPDIR:-/tmp}/sanal-$TEST_NAME.XXXXXX") || exit 99
DB=$T/sanal.db
SHORTCODE=1234
KEY=k$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
SENDSMS_USER=sanal
SENDSMS_PASS=p$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
ADMIN_PASS=a$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
declare -A PIDS=()		# name -> pid of every process we started
PICKED_PORTS=" "
MT_MARK=0			# MTs already in the fakesmsc log when the last mo ran
MT_TEXT=			# decoded text of the MT wait_mt matched
MT_TYPE=			# and its fakesmsc type (text, ucs-2, data)
HTTP_CODE=			# status and body of the last http/kmo call
HTTP_BODY=
HTTP_HEADERS=
NFAIL=0

# --- verdicts ----------------------------------------------------------------

# ok MSG: one passed check.
ok() { printf 'ok   %s\n' "$*"; }

# fail MSG: stop the test here; the EXIT trap keeps $T and prints the logs.
fail() { printf 'FAIL %s\n' "$*" >&2; NFAIL=$((NFAIL + 1)); exit 1; }

# skip MSG: the test cannot run on this machine (exit 77, automake's SKIP).
skip() {
	if [ "${SANAL_REQUIRE_ALL:-0}" = 1 ]; then fail "cannot run: $*"; fi
	printf 'SKIP %s\n' "$*"; exit 77
}

# check DESC ACTUAL EXPECTED: equality assertion.
check() {
	if [ "$2" = "$3" ]; then ok "$1 ($2)"; else fail "$1: got '$2', expected '$3'"; fi
}

# check_re DESC ACTUAL ERE: regex assertion.
check_re() {
	if printf '%s' "$2" | grep -Eq -- "$3"; then ok "$1"
	else fail "$1: '$2' does not match /$3/"; fi
}

need() {
	local c
	for c in "$@"; do command -v "$c" >/dev/null 2>&1 || skip "$c not installed"; done
}

# The browser the Chromium tests drive (tests/web/*.js read it).
: "${CHROMIUM:=/usr/bin/chromium}"
export CHROMIUM

# browser_missing: why the Chromium tests cannot run here (nothing when they can).
browser_missing() {
	if ! command -v node >/dev/null 2>&1; then echo "node missing"
	elif [ ! -x "$CHROMIUM" ]; then echo "$CHROMIUM missing (apt-get install chromium)"
	elif [ "$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)" -lt 20 ]; then
		echo "node $(node --version 2>/dev/null) is too old for playwright-core (needs 20 or later)"
	elif ! (cd "$top_srcdir/tests/web" && node -e 'require.resolve("playwright-core");
	    require.resolve("@axe-core/playwright")') >/dev/null 2>&1; then
		echo "npm packages playwright-core and @axe-core/playwright missing (npm ci --prefix tests)"
	fi
}

# need_browser: skip (exit 77; a failure under SANAL_REQUIRE_ALL=1) without Chromium.
need_browser() {
	local why
	why=$(browser_missing)
	[ -z "$why" ] || skip "$why"
}

need_sanal() {
	[ -x "$SANALD" ] || fail "no sanald at $SANALD (build first)"
	[ -x "$SANALCTL" ] || fail "no sanalctl at $SANALCTL (build first)"
}

# need_kannel [PROGRAM...]: Kannel's programs (default bearerbox, smsbox and
# fakesmsc) are installed.
need_kannel() {
	local b
	[ $# -gt 0 ] || set -- "$BEARERBOX" "$SMSBOX" "$FAKESMSC"
	for b in "$@"; do
		[ -x "$b" ] || skip "$b missing (apt-get install kannel kannel-extras)"
	done
}

# --- processes ---------------------------------------------------------------

# alive NAME: true while the process we started as NAME runs.
alive() { [ -n "${PIDS[$1]:-}" ] && kill -0 "${PIDS[$1]}" 2>/dev/null; }

# stop NAME [SIGNAL]: signal our process NAME, wait up to 10 s, then SIGKILL.
# Only ever the PID we recorded. Returns the process's exit status.
stop() {
	local name=$1 sig=${2:-TERM} pid=${PIDS[$1]:-} i st=0
	[ -n "$pid" ] || return 0
	kill -"$sig" "$pid" 2>/dev/null
	for ((i = 0; i < 100; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$pid" 2>/dev/null; then
		echo "note: $name ($pid) ignored SIG$sig for 10 s, killing" >&2
		kill -KILL "$pid" 2>/dev/null
	fi
	{ wait "$pid"; } 2>/dev/null || st=$?	# braces: no "Aborted" job notice
	unset 'PIDS[$name]'
	return $st
}

# wait_port PORT [TIMEOUT]: until something listens on 127.0.0.1:PORT.
wait_port() {
	local port=$1 t=${2:-10} i
	for ((i = 0; i < t * 10; i++)); do
		(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

# port_busy PORT: true if any local TCP socket (any state, v4 or v6) uses PORT,
# or something answers on 127.0.0.1:PORT.
port_busy() {
	local hex
	hex=$(printf ':%04X ' "$1")
	grep -qs -- "^ *[0-9]*: [0-9A-F]*$hex" /proc/net/tcp /proc/net/tcp6 && return 0
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# free_port: a random free 127.0.0.1 port we have not picked yet, below the
# kernel's ephemeral range so that no outgoing connection can take it.
free_port() {
	local p i lo=20000 hi=32767 eph
	eph=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null) || eph=
	case $eph in ''|*[!0-9]*) ;; *) [ "$eph" -gt 21000 ] && hi=$((eph - 1)) ;; esac
	for ((i = 0; i < 500; i++)); do
		p=$((lo + (RANDOM * 32768 + RANDOM) % (hi - lo + 1)))
		case $PICKED_PORTS in *" $p "*) continue ;; esac
		port_busy "$p" && continue
		PICKED_PORTS="$PICKED_PORTS$p "
		echo "$p"
		return 0
	done
	fail "no free port found"
}

cleanup() {
	local st=$? name
	trap - EXIT
	set +e
	for name in fakesmsc sanald smsbox bearerbox ussd_smsc; do
		case $name in
		# fakesmsc 1.4.5 aborts ("double free") when it exits on
		# SIGINT: keep the shell's "Aborted" notice out of the log.
		fakesmsc) { stop fakesmsc INT; } 2>/dev/null ;;
		*) stop "$name" TERM ;;
		esac
	done
	for name in "${!PIDS[@]}"; do stop "$name" TERM; done
	exec 7>&-
	if [ "$st" = 0 ] && ls "$T"/sanald*.log >/dev/null 2>&1 &&
	    grep -lE 'AddressSanitizer|runtime error:|LeakSanitizer' "$T"/sanald*.log >/dev/null; then
		echo "FAIL sanitizer report in sanald's log" >&2
		st=1
	fi
	if [ "$st" = 0 ] || [ "$st" = 77 ]; then
		rm -rf "$T"
	else
		echo "--- $TEST_NAME failed (status $st); files kept in $T" >&2
		for f in "$T"/*.log; do
			[ -f "$f" ] || continue
			echo "--- tail of $f" >&2
			tail -n 40 "$f" >&2
		done
	fi
	exit "$st"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'echo "FAIL stopped by SIGTERM (timeout after ${TEST_TIMEOUT}s, or make was interrupted)" >&2; exit 124' TERM

# Watchdog: every test ends within TEST_TIMEOUT seconds, whatever hangs.
: "${TEST_TIMEOUT:=170}"
(
	trap 'kill "$sp" 2>/dev/null; exit 0' TERM
	sleep "$TEST_TIMEOUT" & sp=$!
	wait "$sp" && kill -TERM $$
) </dev/null >/dev/null 2>&1 &
PIDS[watchdog]=$!

# --- sanald and sanalctl -----------------------------------------------------

# ctl ARGS...: sanalctl on the test database.
ctl() { "$SANALCTL" -d "$DB" "$@"; }

# init_db: create the database and load the demo consultation (12) and
# petition (31).
init_db() {
	[ -f "$DB" ] && return 0
	ctl init >"$T/ctl.log" 2>&1 || { cat "$T/ctl.log" >&2; fail "sanalctl init"; }
	ctl consultation add "$top_srcdir/demo/pasture.json" >>"$T/ctl.log" 2>&1 ||
	    { cat "$T/ctl.log" >&2; fail "sanalctl consultation add pasture.json"; }
	ctl consultation add "$top_srcdir/demo/doctors.json" >>"$T/ctl.log" 2>&1 ||
	    { cat "$T/ctl.log" >&2; fail "sanalctl consultation add doctors.json"; }
}

SANAL_PORT=
SANALD_RUNS=0
# start_sanald [EXTRA ARGS...]: start sanald on the test database and wait for
# "listening on". The port is kept across restarts. Log: $T/sanald.log (each
# run appends a marker line).
start_sanald() {
	need_sanal
	init_db
	[ -n "$SANAL_PORT" ] || SANAL_PORT=$(free_port)
	[ -n "${SENDSMS_PORT:-}" ] || SENDSMS_PORT=$(free_port)
	SANALD_RUNS=$((SANALD_RUNS + 1))
	echo "=== sanald run $SANALD_RUNS" >>"$T/sanald.log"
	"$SANALD" -d "$DB" -l "127.0.0.1:$SANAL_PORT" -k "$KEY" \
	    -s "http://127.0.0.1:$SENDSMS_PORT/cgi-bin/sendsms" \
	    -u "$SENDSMS_USER" -p "$SENDSMS_PASS" -S "$SHORTCODE" \
	    -D "http://127.0.0.1:$SANAL_PORT/kannel/dlr" -v "$@" \
	    </dev/null >>"$T/sanald.log" 2>&1 &
	PIDS[sanald]=$!
	local i
	for ((i = 0; i < 150; i++)); do
		if tail -n 20 "$T/sanald.log" | grep -q "listening on 127.0.0.1:$SANAL_PORT"; then
			wait_port "$SANAL_PORT" 2 && return 0
		fi
		alive sanald || fail "sanald exited at start-up"
		sleep 0.1
	done
	fail "sanald did not print 'listening on 127.0.0.1:$SANAL_PORT' within 15 s"
}

stop_sanald() { stop sanald TERM; }

# --- direct HTTP ---------------------------------------------------------------

# http METHOD PATH [CURL ARGS...]: one request to sanald; sets HTTP_CODE,
# HTTP_BODY and HTTP_HEADERS. Returns 0 even on 4xx/5xx; 1 if nothing answered.
http() {
	local method=$1 path=$2
	shift 2
	HTTP_CODE=$(curl -s -X "$method" -o "$T/http.body" -D "$T/http.headers" \
	    -w '%{http_code}' --max-time 20 "$@" "http://127.0.0.1:$SANAL_PORT$path") || {
		HTTP_CODE=000; HTTP_BODY=; HTTP_HEADERS=; return 1; }
	HTTP_BODY=$(cat "$T/http.body")
	HTTP_HEADERS=$(tr -d '\r' <"$T/http.headers")
}

# kmo PHONE TEXT [ID [METHOD]]: an MO the way Kannel's get-url sends it, straight
# to sanald (no Kannel). ID empty = no id parameter.
kmo() {
	local phone=$1 text=$2 id=${3-} method=${4:-GET}
	local args=(-G --data-urlencode "key=$KEY" --data-urlencode "from=$phone"
	    --data-urlencode "to=$SHORTCODE" --data-urlencode "text=$text"
	    --data-urlencode "ts=$(date +%s)" --data-urlencode "smsc=FAKE"
	    --data-urlencode "coding=0" --data-urlencode "charset=UTF-8"
	    --data-urlencode "meta=")
	[ -n "$id" ] && args+=(--data-urlencode "id=$id")
	http "$method" /kannel/mo "${args[@]}"
}

# --- Kannel ------------------------------------------------------------------

# The test configs, same shape as etc/kannel.conf, are written from the groups
# below. NB: a blank line inside a group ends the group in Kannel's parser.

# kannel_conf_core: the core group.
kannel_conf_core() {
	cat <<EOF
# Generated by tests/integ/lib.sh for $TEST_NAME; loopback only.
group = core
admin-port = $ADMIN_PORT
admin-interface = 127.0.0.1
admin-password = $ADMIN_PASS
status-password = $ADMIN_PASS
admin-allow-ip = "127.0.0.1"
smsbox-port = $BOX_PORT
smsbox-interface = 127.0.0.1
box-allow-ip = "127.0.0.1"
log-file = "$T/bearerbox.log"
log-level = 1
access-log = "$T/bearerbox-access.log"
store-type = file
store-location = "$T/kannel.store"
store-dump-freq = 2
dlr-storage = internal

EOF
}

# kannel_conf_boxes MAX_MESSAGES CONCATENATION [SMS_LENGTH]: smsbox, the
# sendsms user sanald sends with, and the sms-service that hands every MO to
# sanald.
kannel_conf_boxes() {
	cat <<EOF
group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = $BOX_PORT
sendsms-port = $SENDSMS_PORT
sendsms-interface = 127.0.0.1
log-file = "$T/smsbox.log"
log-level = 1
access-log = "$T/smsbox-access.log"
mo-recode = true
http-request-retry = ${KANNEL_RETRY:-10}
http-queue-delay = 1${3:+
sms-length = $3}

group = sendsms-user
username = $SENDSMS_USER
password = $SENDSMS_PASS
user-allow-ip = "127.0.0.1"
max-messages = 10
concatenation = true

group = sms-service
name = sanal
keyword = default
catch-all = true
get-url = "http://127.0.0.1:$SANAL_PORT/kannel/mo?key=$KEY&from=%p&to=%P&text=%b&id=%I&ts=%T&smsc=%i&coding=%c&charset=%C&meta=%D"
accept-x-kannel-headers = true
max-messages = $1
concatenation = $2
omit-empty = true
EOF
}

# write_kannel_conf FILE: the SMS test config, the fake SMSC as the operator.
write_kannel_conf() {
	{
		kannel_conf_core
		cat <<EOF
group = smsc
smsc = fake
smsc-id = FAKE
port = $FAKE_PORT
our-host = 127.0.0.1
connect-allow-ip = "127.0.0.1"

EOF
		kannel_conf_boxes 3 true
	} >"$1"
}

# write_kannel_smpp_conf FILE: the USSD test config. bearerbox binds as an
# SMPP 3.4 transceiver to the simulator (smsc-id USSDSIM) and carries the USSD
# TLVs both ways; one message per answer, as a USSD screen is one message. A
# USSD string is 160 octets (80 UCS-2 characters), not an SMS's 140: without
# sms-length and max-sms-octets = 160 Kannel cuts a 71-75 character Cyrillic
# screen at 70 without a word (a USSD smsbox of its own in production).
write_kannel_smpp_conf() {
	{
		kannel_conf_core
		cat <<EOF
group = smsc
smsc = smpp
smsc-id = USSDSIM
host = 127.0.0.1
port = $SMPP_PORT
transceiver-mode = true
smsc-username = kannel
smsc-password = ussdsim
system-type = ""
interface-version = 34
reconnect-delay = 1
enquire-link-interval = 30
max-sms-octets = 160

group = smpp-tlv
name = ussd_service_op
tag = 0x0501
type = integer
length = 1
smsc-id = USSDSIM

group = smpp-tlv
name = its_session_info
tag = 0x1383
type = octetstring
length = 2
smsc-id = USSDSIM

EOF
		kannel_conf_boxes 1 false 160
	} >"$1"
}

start_bearerbox() {
	"$BEARERBOX" -v 4 "$T/kannel.conf" </dev/null >>"$T/bearerbox.out" 2>&1 &
	PIDS[bearerbox]=$!
	wait_port "$ADMIN_PORT" 10 && wait_port "$BOX_PORT" 5 ||
	    fail "bearerbox did not open its ports"
	alive bearerbox || fail "bearerbox exited at start-up"
}

start_smsbox() {
	"$SMSBOX" -v 4 "$T/kannel.conf" </dev/null >>"$T/smsbox.out" 2>&1 &
	PIDS[smsbox]=$!
	wait_port "$SENDSMS_PORT" 10 || fail "smsbox did not open its sendsms port"
	alive smsbox || fail "smsbox exited at start-up"
}

stop_smsbox() { stop smsbox TERM; }

# start_fakesmsc: the fake operator in interactive mode. Its stdin is the FIFO
# $T/fakesmsc.in, held open on fd 7 so that it never sees EOF; what it receives
# goes to $T/fakesmsc.log.
start_fakesmsc() {
	mkfifo "$T/fakesmsc.in"
	FAKESMSC_LOG=$T/fakesmsc.log
	"$FAKESMSC" -H 127.0.0.1 -r "$FAKE_PORT" <"$T/fakesmsc.in" \
	    >"$T/fakesmsc.log" 2>&1 &
	PIDS[fakesmsc]=$!
	exec 7>"$T/fakesmsc.in"
	smsc_online FAKE fakesmsc
}

# smsc_online ID NAME: wait until bearerbox's status page shows the SMSC ID
# online (10 s), while our process NAME (its peer) runs.
smsc_online() {
	local i
	for ((i = 0; i < 100; i++)); do
		admin_status | grep -q "$1\\[$1\\].*online" && return 0
		alive "$2" || fail "$2 exited at start-up"
		sleep 0.1
	done
	fail "SMSC $1 did not come online within 10 s"
}

# admin_status: bearerbox's status page (text).
admin_status() {
	curl -s --max-time 5 "http://127.0.0.1:$ADMIN_PORT/status.txt?password=$ADMIN_PASS"
}

# kannel_ports: the ports of bearerbox (admin, boxes) and smsbox (sendsms),
# and sanald's if it is not running yet.
kannel_ports() {
	[ -n "$SANAL_PORT" ] || SANAL_PORT=$(free_port)
	[ -n "${SENDSMS_PORT:-}" ] || SENDSMS_PORT=$(free_port)
	ADMIN_PORT=$(free_port)
	BOX_PORT=$(free_port)
}

# start_kannel: bearerbox, then smsbox (it panics if bearerbox is not up yet),
# then fakesmsc. sanald's port must be known first: it is in the get-url.
start_kannel() {
	need_kannel
	need iconv od
	kannel_ports
	FAKE_PORT=$(free_port)
	write_kannel_conf "$T/kannel.conf"
	start_bearerbox
	start_smsbox
	start_fakesmsc
	ok "Kannel up (admin $ADMIN_PORT, sendsms $SENDSMS_PORT, fake smsc $FAKE_PORT)"
}

# fakesmsc_sent: how many MOs fakesmsc has sent to bearerbox so far.
fakesmsc_sent() { grep -c 'fakesmsc: sent message' "$FAKESMSC_LOG" 2>/dev/null || true; }

# fakesmsc_send LINE: one line to fakesmsc ("sender receiver type data"), then
# wait until fakesmsc has sent it. Lines must go one at a time: fakesmsc polls
# its stdin before each fgets(), so a second line already sitting in stdio's
# buffer would wait there until yet another line arrives.
fakesmsc_send() {
	local before i
	[ "$(printf '%s' "$1" | LC_ALL=C wc -c)" -lt 250 ] ||
	    fail "fakesmsc line too long (fgets limit 256): $1"
	alive fakesmsc || fail "fakesmsc is not running"
	before=$(fakesmsc_sent)
	printf '%s\n' "$1" >&7
	for ((i = 0; i < 100; i++)); do
		[ "$(fakesmsc_sent)" -gt "$before" ] && return 0
		sleep 0.05
	done
	fail "fakesmsc did not send '$1' within 5 s"
}

# mo PHONE TEXT: the phone sends TEXT to the short code through fakesmsc (see
# mo_line). Marks the MT log so wait_mt only looks at what arrives from now on.
mo() {
	local line
	MT_MARK=$(mt_count)
	line=$(mo_line "$1" "$SHORTCODE" "$2") || fail "MO too long for fakesmsc's 256-byte line: '$2'"
	fakesmsc_send "$line"
}

# wait_mt PHONE ERE [TIMEOUT]: wait (default 20 s) for an MT to PHONE, received
# after the last mo, whose decoded text matches ERE. Sets MT_TEXT and MT_TYPE.
wait_mt() {
	local phone=$1 re=$2 t=${3:-20} i line p typ txt
	for ((i = 0; i < t * 5; i++)); do
		while IFS=$'\t' read -r p typ txt; do
			[ "$p" = "$phone" ] || continue
			if printf '%s' "$txt" | grep -Eq -- "$re"; then
				MT_TEXT=$txt
				MT_TYPE=$typ
				return 0
			fi
			line=$txt
		done < <(mt_list "$MT_MARK")
		sleep 0.2
	done
	MT_TEXT=${line:-}
	MT_TYPE=
	return 1
}

# --- USSD through Kannel's SMPP client ------------------------------------------

USSD_SMSC=$top_srcdir/tests/integ/ussd_smsc.js
USSD_ANSWERS=			# ussd_smsc.js's answers, one JSON line per submit_sm
USSD_TEXT=			# fields of the answer ussd_answer read
USSD_OP=
USSD_SESSION=
USSD_DC=
USSD_SERVICE=
USSD_PARTS=

# need_node_smpp: node and the npm package smpp (npm ci --prefix tests).
need_node_smpp() {
	need node
	(cd "$top_srcdir/tests/integ" && node -e 'require.resolve("smpp")') >/dev/null 2>&1 ||
	    skip "npm package smpp missing (npm ci --prefix tests)"
}

# start_kannel_smpp SCENARIO: the operator's USSD gateway, ussd_smsc.js, then
# bearerbox bound to it as an SMPP transceiver (write_kannel_smpp_conf), then
# smsbox. The simulator plays the JSON file SCENARIO when ussd_run asks (it
# reads it then) and appends its answers to $USSD_ANSWERS; its log is
# $T/ussd_smsc.log. It exits by itself USSD_TIMEOUT seconds (default 30) after
# its start at the latest.
start_kannel_smpp() {
	need_kannel "$BEARERBOX" "$SMSBOX"
	need_node_smpp
	kannel_ports
	SMPP_PORT=$(free_port)
	USSD_ANSWERS=$T/ussd-answers.jsonl
	: >"$USSD_ANSWERS"
	node "$USSD_SMSC" "$SMPP_PORT" "$1" "$USSD_ANSWERS" "${USSD_TIMEOUT:-30}" \
	    </dev/null >"$T/ussd_smsc.log" 2>&1 &
	PIDS[ussd_smsc]=$!
	wait_port "$SMPP_PORT" 10 || fail "ussd_smsc.js did not listen on $SMPP_PORT"
	write_kannel_smpp_conf "$T/kannel.conf"
	start_bearerbox
	start_smsbox
	smsc_online USSDSIM ussd_smsc
	ok "Kannel up over SMPP (admin $ADMIN_PORT, sendsms $SENDSMS_PORT, USSD SMSC $SMPP_PORT)"
}

# ussd_run: ussd_smsc.js plays its scenario; returns when it has exited, and
# fails unless it answered every step (exit status 0).
ussd_run() {
	local i st=0
	alive ussd_smsc || fail "ussd_smsc.js is not running"
	kill -USR1 "${PIDS[ussd_smsc]}"
	for ((i = 0; i < (${USSD_TIMEOUT:-30} + 5) * 10; i++)); do
		alive ussd_smsc || break
		sleep 0.1
	done
	stop ussd_smsc TERM || st=$?
	[ "$st" = 0 ] || fail "ussd_smsc.js exited with status $st: $(grep '"ev":"exit"' "$T/ussd_smsc.log")"
	ok "USSD scenario played ($(grep -c . "$USSD_ANSWERS") submit_sm)"
}

# ussd_answer LABEL: read the answer to the scenario step LABEL into USSD_TEXT
# (decoded), USSD_OP (ussd_service_op, decimal), USSD_SESSION
# (its_session_info, hex), USSD_DC (data_coding), USSD_SERVICE (service_type)
# and USSD_PARTS (how many submit_sm answered the step). Returns 1 if none did.
ussd_answer() {
	USSD_TEXT='' USSD_OP='' USSD_SESSION='' USSD_DC='' USSD_SERVICE='' USSD_PARTS=0
	{
		IFS= read -r -d '' USSD_PARTS && IFS= read -r -d '' USSD_DC &&
		    IFS= read -r -d '' USSD_OP && IFS= read -r -d '' USSD_SESSION &&
		    IFS= read -r -d '' USSD_SERVICE && IFS= read -r -d '' USSD_TEXT
	} < <(node -e '
		const [file, label] = process.argv.slice(1);
		const a = require("fs").readFileSync(file, "utf8").split("\n")
		    .filter(Boolean).map(l => JSON.parse(l)).filter(o => o.label === label);
		if (a.length === 0) process.exit(1);
		const o = a[0], s = v => (v === null || v === undefined ? "" : String(v));
		process.stdout.write([a.length, o.data_coding, o.ussd_service_op,
		    o.its_session_info, o.service_type, o.text].map(s).join("\0") + "\0");
	' "$USSD_ANSWERS" "$1")
}

# --- database ----------------------------------------------------------------

# sql QUERY: one value per line from the test database (waits out locks).
sql() { sqlite3 -batch -noheader -cmd '.timeout 10000' "$DB" "$1"; }

# metric NAME: sum of the samples of NAME (any labels) on /metrics.
metric() {
	curl -s --max-time 5 "http://127.0.0.1:$SANAL_PORT/metrics" |
	    awk -v n="$1" '$1 == n || index($1, n "{") == 1 { s += $NF; f = 1 }
		END { if (f) printf "%d\n", s; else print "" }'
}

# mt_matches PHONE ERE [FROM]: how many MTs to PHONE (after the FROM-th part,
# default all) have a decoded text matching ERE.
mt_matches() {
	local p typ txt n=0
	while IFS=$'\t' read -r p typ txt; do
		[ "$p" = "$1" ] || continue
		printf '%s' "$txt" | grep -Eq -- "$2" && n=$((n + 1))
	done < <(mt_list "${3:-0}")
	echo "$n"
}

# CYR: an ERE bracket for the Mongolian Cyrillic letters (listed: glibc's
# C.UTF-8 rejects ranges of non-ASCII letters).
CYR='[АБВГДЕЁЖЗИЙКЛМНОӨПРСТУҮФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмноөпрстуүфхцчшщъыьэюя]'

# no_phone_in_clear PHONE...: none of the numbers (nor their 976-prefixed form)
# appears in the database files or sanald's log.
no_phone_in_clear() {
	local ph f
	for ph in "$@"; do
		for f in "$DB" "$DB-wal" "$DB-journal" "$T/sanald.log"; do
			[ -f "$f" ] || continue
			if grep -aqF -e "$ph" "$f"; then
				fail "phone number $ph in clear in $(basename "$f")"
			fi
		done
	done
	ok "no phone number in clear in the database or sanald's log ($# numbers)"
}
