#!/bin/bash
# SPDX-License-Identifier: ISC
#
# USSD dialogues from a table (USSD.md §1.5, Praekelt AppTester style): every
# row of tests/integ/ussd_dialogue.tsv is one POST /ussd to one sanald, run in
# order, and its answer is checked: HTTP status, CON or END, the screen id
# sanald names in X-Sanal-Screen, and an extended regex over the body. Every
# 200 answer is also measured against its budget (≤ 160 GSM-7 septets, or ≤ 75
# UTF-16 units as soon as one character is outside GSM 03.38; counted here
# with iconv and a GSM-7 table of our own, not sanald's code), and any request
# that repeats its session's last one must get the very same body and screen.
#
# Rows (tab-separated; '#' starts a comment line):
#   PHONE SESSION TEXT KIND SCREEN ERE [OPTIONS]
# TEXT: "" is the empty text, (absent) leaves the form field out (both also
# for PHONE and SESSION); printf escapes such as \xff are expanded, and
# {REP:N:S} is S repeated N times. KIND: CON, END or - (no check). SCREEN: the
# expected X-Sanal-Screen, or -. ERE is matched against the whole body with
# each newline shown as '~' (e.g. "^CON Буруу\.~САНАЛ~"). OPTIONS, comma-
# separated: status=N (expected HTTP status, default 200), svc=CODE (the
# serviceCode, default *1234#), get (send as GET with a query string),
# method=M (another HTTP method), gsm (the screen must be pure GSM-7), ucs (it
# must not be), bug=N (a known sanald bug, described above the row: the row is
# expected to fail until it is fixed).
#
# Directive rows, run in the same order:
#   !sql QUERY ERE          sqlite3 on the test database; output ('~' for
#                           newlines) must match ERE
#   !report CODE ERE        sanalctl report CODE --format json, blanks removed
#   !mo PHONE TEXT ERE      an SMS from PHONE straight to /kannel/mo (as
#                           Kannel's get-url sends it); 200 and the reply
#                           matching ERE
#   !restart SECONDS        restart sanald with SANAL_NOW = T0 + SECONDS
# (followed, like request rows, by an optional OPTIONS column for bug=N).
#
# sanald's clock is pinned (SANAL_NOW) to T0 = 2026-12-01 12:00 Ulaanbaatar,
# inside the demo items' voting period, so the table does not depend on the
# day it runs. A failing row does not stop the table: every row runs, every
# failure is listed (with the row's line number) and the test fails at the end.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/integ/lib.sh"

need curl sqlite3 iconv od awk
TABLE=${USSD_TABLE:-$top_srcdir/tests/integ/ussd_dialogue.tsv}
[ -r "$TABLE" ] || fail "no table $TABLE"
T0=1796097600			# 2026-12-01T04:00:00Z
export SANAL_NOW=$T0

SEP=$'\037'
NROWS=0
declare -a FAILED=()		# "line N: message"
declare -A LAST_REQ=() LAST_BODY=() LAST_SCREEN=()	# per phone/session
LINE=0				# line of the table being run
ROW_BUG=
ROW_FAILS=0			# failed checks of the row being run

# row_fail MSG: one failed check of the current row; the table goes on.
row_fail() {
	local m="line $LINE: $*"
	ROW_FAILS=$((ROW_FAILS + 1))
	[ -n "$ROW_BUG" ] && m="$m [known sanald bug $ROW_BUG, see the table]"
	printf 'FAIL %s\n' "$m" >&2
	FAILED+=("$m")
}

# flat S: S with each newline shown as '~'.
flat() { printf '%s' "$1" | tr '\n' '~'; }

# screen_units SCREEN: "gsm7 SEPTETS" or "ucs2 UNITS"; status 1 if SCREEN is
# not UTF-8. Our own GSM 03.38 table: the default alphabet (ASCII but '`' and
# the extension characters, plus the non-ASCII letters below) at one septet,
# the extension table (FF ^ { } \ [ ] ~ | €) at two.
screen_units() {
	local cps
	cps=$(printf '%s' "$1" | iconv -f UTF-8 -t UTF-32LE 2>/dev/null | od -An -v -tu4) ||
	    return 1
	awk -v cps="$cps" 'BEGIN {
		n = split("161 163 164 165 167 191 196 197 198 199 201 209 214 216 220 " \
		    "223 224 228 229 230 232 233 236 241 242 246 248 249 252 915 916 " \
		    "920 923 926 928 931 934 936 937", b, " ")
		for (i = 1; i <= n; i++) basic[b[i]] = 1
		n = split("12 94 123 125 92 91 93 126 124 8364", b, " ")
		for (i = 1; i <= n; i++) ext[b[i]] = 1
		n = split(cps, c, /[ \n\t]+/)
		gsm = 1; sept = 0; u16 = 0
		for (i = 1; i <= n; i++) {
			if (c[i] == "") continue
			cp = c[i] + 0
			u16 += cp > 65535 ? 2 : 1
			if (cp in ext) sept += 2
			else if (cp == 10 || cp == 13 || (cp >= 32 && cp < 127 && cp != 96) || (cp in basic)) sept++
			else gsm = 0
		}
		if (gsm) printf "gsm7 %d\n", sept; else printf "ucs2 %d\n", u16
	}'
}

# check_budget BODY [gsm|ucs]: the screen (BODY without "CON "/"END ") fits.
check_budget() {
	local m enc n
	m=$(screen_units "${1:4}") || { row_fail "body is not valid UTF-8: $(flat "$1")"; return; }
	read -r enc n <<<"$m"
	if [ "$enc" = gsm7 ] && [ "$n" -gt 160 ]; then
		row_fail "over budget: $n GSM-7 septets > 160: $(flat "$1")"
	elif [ "$enc" = ucs2 ] && [ "$n" -gt 75 ]; then
		row_fail "over budget: $n UTF-16 units > 75: $(flat "$1")"
	fi
	case ${2:-} in
	gsm) [ "$enc" = gsm7 ] || row_fail "screen is not pure GSM-7: $(flat "$1")" ;;
	ucs) [ "$enc" = ucs2 ] || row_fail "screen is GSM-7, expected UCS-2: $(flat "$1")" ;;
	esac
}

# text_expand TEXT: printf escapes and {REP:N:S}.
text_expand() {
	local s=$1 pre n str post rep i
	while [[ $s =~ ^(.*)\{REP:([0-9]+):([^}]*)\}(.*)$ ]]; do
		pre=${BASH_REMATCH[1]} n=${BASH_REMATCH[2]} str=${BASH_REMATCH[3]}
		post=${BASH_REMATCH[4]}
		rep=$(for ((i = 0; i < n; i++)); do printf '%s' "$str"; done)
		s=$pre$rep$post
	done
	printf '%b' "$s"
}

# opt NAME OPTIONS: the value of NAME=V in OPTIONS, "1" for a bare NAME, or "".
opt() {
	local o
	IFS=, read -r -a o <<<"$2"
	for o in "${o[@]}"; do
		case $o in
		"$1") echo 1; return ;;
		"$1"=*) echo "${o#*=}"; return ;;
		esac
	done
}

hdr_screen() {
	printf '%s\n' "$HTTP_HEADERS" | awk 'tolower($1) == "x-sanal-screen:" { print $2; exit }'
}

# run_request PHONE SESSION TEXT KIND SCREEN ERE OPTIONS
run_request() {
	local phone=$1 session=$2 text=$3 kind=$4 screen=$5 re=$6 opts=$7
	local status method args=() got key
	status=$(opt status "$opts"); status=${status:-200}
	method=$(opt method "$opts"); method=${method:-POST}
	[ "$(opt get "$opts")" = 1 ] && method=GET
	[ "$text" = '""' ] && text=
	[ "$phone" = '""' ] && phone=
	[ "$session" = '""' ] && session=
	[ "$text" != "(absent)" ] && text=$(text_expand "$text")
	[ "$session" != "(absent)" ] && args+=(--data-urlencode "sessionId=$session")
	[ "$phone" != "(absent)" ] && args+=(--data-urlencode "phoneNumber=$phone")
	local svc
	svc=$(opt svc "$opts")
	args+=(--data-urlencode "serviceCode=${svc:-*1234#}")
	[ "$text" != "(absent)" ] && args+=(--data-urlencode "text=$text")
	[ "$method" = GET ] && args=(-G "${args[@]}")
	http "$method" /ussd "${args[@]}" || { row_fail "no answer (sanald down?)"; return; }
	alive sanald || { row_fail "sanald died"; return; }
	got=$(hdr_screen)
	local shown
	shown="[$HTTP_CODE $got] $(flat "$HTTP_BODY")"
	[ "$HTTP_CODE" = "$status" ] || row_fail "status $HTTP_CODE, expected $status: $shown"
	case $HTTP_CODE in 5??) row_fail "5xx: $shown" ;; esac
	if [ "$HTTP_CODE" = 200 ] && [ "$method" != HEAD ]; then
		case $HTTP_BODY in
		"CON "*|"END "*) ;;
		*) row_fail "body starts with neither CON nor END: $shown" ;;
		esac
		check_budget "$HTTP_BODY" "$( [ "$(opt gsm "$opts")" = 1 ] && echo gsm;
		    [ "$(opt ucs "$opts")" = 1 ] && echo ucs)"
	fi
	if [ "$kind" != - ] && [ "${HTTP_BODY:0:4}" != "$kind " ]; then
		row_fail "expected $kind: $shown"
	fi
	[ "$screen" = - ] || [ "$got" = "$screen" ] || row_fail "screen '$got', expected $screen: $shown"
	[ "$re" = - ] || printf '%s' "$(flat "$HTTP_BODY")" | grep -Eq -- "$re" ||
	    row_fail "body does not match /$re/: $shown"
	# The same request as the session's last one: a replay, answered alike.
	key="$phone/$session"
	if [ "$HTTP_CODE" = 200 ] && [ "${LAST_REQ[$key]+set}" = set ] &&
	    [ "${LAST_REQ[$key]}" = "$method $text" ]; then
		[ "$HTTP_BODY" = "${LAST_BODY[$key]}" ] ||
		    row_fail "replay answered differently: '$(flat "${LAST_BODY[$key]}")' then $shown"
		[ "$got" = "${LAST_SCREEN[$key]}" ] ||
		    row_fail "replay names screen '$got', the original '${LAST_SCREEN[$key]}'"
	fi
	if [ "$HTTP_CODE" = 200 ]; then
		LAST_REQ[$key]="$method $text"
		LAST_BODY[$key]=$HTTP_BODY
		LAST_SCREEN[$key]=$got
	fi
	[ "$ROW_FAILS" = 0 ] &&
	    ok "line $LINE: $phone $session '$(flat "${text:0:60}")' -> $shown"
}

run_directive() {
	local what=$1 a=$2 b=$3 c=$4 out
	case $what in
	!sql)
		out=$(sql "$a" 2>&1) || row_fail "sqlite3 failed: $out"
		printf '%s' "$(flat "$out")" | grep -Eq -- "$b" ||
		    row_fail "SQL '$a' gave '$(flat "$out")', expected /$b/" ;;
	!report)
		out=$(ctl report "$a" --format json | tr -d ' \n\t') || row_fail "sanalctl report $a failed"
		printf '%s' "$out" | grep -Eq -- "$b" || row_fail "report $a: '$out' does not match /$b/" ;;
	!mo)
		kmo "$a" "$b" "dlg-$LINE"
		[ "$HTTP_CODE" = 200 ] || row_fail "SMS '$b' from $a: status $HTTP_CODE '$HTTP_BODY'"
		printf '%s' "$(flat "$HTTP_BODY")" | grep -Eq -- "$c" ||
		    row_fail "SMS '$b' from $a: reply '$HTTP_BODY' does not match /$c/" ;;
	!restart)
		stop_sanald
		export SANAL_NOW=$((T0 + a))
		start_sanald ;;
	*) row_fail "unknown directive $what" ;;
	esac
	[ "$ROW_FAILS" = 0 ] && ok "line $LINE: $what $a${b:+ $b}"
}

start_sanald

started=$(date +%s)
while IFS=$SEP read -r f1 f2 f3 f4 f5 f6 f7 f8; do
	LINE=$((LINE + 1))
	case $f1 in ''|'#'*) continue ;; esac
	NROWS=$((NROWS + 1))
	ROW_FAILS=0
	if [ "${f1:0:1}" = '!' ]; then
		# the options column follows the directive's arguments
		case $f1 in
		!restart) ROW_BUG=$(opt bug "${f3:-}") ;;
		!sql|!report) ROW_BUG=$(opt bug "${f4:-}") ;;
		*) ROW_BUG=$(opt bug "${f5:-}") ;;
		esac
		run_directive "$f1" "${f2:-}" "${f3:-}" "${f4:-}"
	else
		ROW_BUG=$(opt bug "${f7:-}")
		run_request "$f1" "$f2" "$f3" "$f4" "$f5" "$f6" "${f7:-}"
	fi
	[ -z "${f8:-}" ] || row_fail "too many columns"
done < <(tr '\t' "$SEP" <"$TABLE")

nbad=$(printf '%s\n' "${FAILED[@]}" | grep -o '^line [0-9]*' | sort -u | grep -c .)
echo "$NROWS rows in $(( $(date +%s) - started )) s: $nbad failed ($(printf '%s\n' \
    "${FAILED[@]}" | grep -o 'known sanald bug [0-9]*' | sort -u | grep -c .) known bugs)"
if [ ${#FAILED[@]} -gt 0 ]; then
	printf 'FAILED %s\n' "${FAILED[@]}" >&2
	fail "$nbad of $NROWS rows failed (${#FAILED[@]} checks)"
fi
ok "all $NROWS rows"
