#!/bin/bash
# SPDX-License-Identifier: ISC
#
# The module boundaries of STYLE.md, checked on the #include lines:
#   <sqlite3.h>              only under db/
#   <event2/...>, <curl/...> only under gateway/
#   <sodium.h>               in one file only, under consult/ (crypto.c, now
#                            keyring.c: "behind one small file")
#   <unicode/...>            only under analytics/ and locales/
#   <jansson.h>              only under gateway/ and ctl/, and in
#                            consult/report_json.c (the report's JSON, shared
#                            by sanalctl and sanald's open data)
#   <xlsxwriter.h>           only in consult/report_xlsx.c
#   gateway.h                never from db/, analytics/, locales/, consult/
#   consult.h, smscmd.h      never from db/, analytics/, locales/ (they sit below)
#   common/                  includes no other module's header
# Fails listing every offending file:line. First it proves on a planted tree
# that each rule can fail.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/integ/lib.sh"

MODULES="common analytics locales db consult gateway ctl"

# offenders ROOT: print "file:line: include  (rule)" for each violation.
offenders() {
	local root=$1 f rel line n inc
	LAYER_ROOT=$root
	for m in $MODULES; do
		[ -d "$root/$m" ] || continue
		find "$root/$m" -type f \( -name '*.c' -o -name '*.h' \) | sort
	done | while IFS= read -r f; do
		rel=${f#"$root"/}
		n=0
		while IFS= read -r line; do
			n=$((n + 1))
			case $line in *'#'*include*) ;; *) continue ;; esac
			inc=$(printf '%s' "$line" |
			    sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*\([<"][^>"]*[>"]\).*/\1/p')
			[ -n "$inc" ] || continue
			rule_violation "$rel" "$inc" && printf '%s:%d: %s  (%s)\n' "$rel" "$n" "$inc" "$WHY"
		done <"$f"
	done
	# libsodium behind one small file.
	local sod
	sod=$([ -d "$root/consult" ] && grep -rlE --include='*.[ch]' \
	    '^[[:space:]]*#[[:space:]]*include[[:space:]]*<sodium' "$root/consult" | sort)
	if [ "$(printf '%s' "$sod" | grep -c .)" -gt 1 ]; then
		printf '%s\n' "$sod" | while IFS= read -r f; do
			printf '%s: <sodium.h>  (sodium.h in %d files; one only)\n' "${f#"$root"/}" "$(printf '%s\n' "$sod" | grep -c .)"
		done
	fi
}

# rule_violation FILE INCLUDE: true (and WHY set) if FILE may not include it.
rule_violation() {
	local rel=$1 inc=$2 dir=${1%%/*}
	WHY=
	case $inc in
	'<sqlite3.h>') [ "$dir" = db ] || WHY="sqlite3.h only in db/" ;;
	'<event2/'*|'<event.h>'|'<evhttp.h>') [ "$dir" = gateway ] || WHY="libevent only in gateway/" ;;
	'<curl/'*) [ "$dir" = gateway ] || WHY="curl only in gateway/" ;;
	'<hunspell'*) [ "$dir" = analytics ] || WHY="hunspell only in analytics/" ;;
	'<sodium.h>'|'<sodium/'*) [ "$dir" = consult ] || WHY="sodium.h only in one file under consult/" ;;
	'<unicode/'*) case $dir in analytics|locales) ;; *) WHY="ICU only in analytics/ and locales/" ;; esac ;;
	'<jansson.h>') case $rel in gateway/*|ctl/*|consult/report_json.c) ;;
		*) WHY="jansson only in gateway/, ctl/ and consult/report_json.c" ;; esac ;;
	'<xlsxwriter.h>'|'<xlsxwriter/'*) [ "$rel" = consult/report_xlsx.c ] ||
		WHY="libxlsxwriter only in consult/report_xlsx.c" ;;
	*'gateway.h"'|*'gateway.h>'|*'gateway_int.h"')
		case $dir in db|analytics|locales|consult|common) WHY="$dir/ must not know gateway" ;; esac ;;
	*'consult.h"'|*'smscmd.h"'|*'consult_int.h"')
		case $dir in db|analytics|locales|common) WHY="$dir/ sits below consult/" ;; esac ;;
	*'analytics.h"'|*'msg.h"'|*'db.h"'|*'db_int.h"')
		[ "$dir" = common ] && WHY="common/ includes no module header" ;;
	esac
	# A private header (*_int.h) is included only beside it, in its module.
	case $inc in
	*'_int.h"')
		local base=${inc#\"}
		base=${base%\"}
		base=${base##*/}
		[ -f "$LAYER_ROOT/$dir/$base" ] || [ -n "$WHY" ] ||
		    WHY="$base is private to the module that holds it"
		;;
	esac
	[ -n "$WHY" ]
}

# 1. The checker itself catches a planted violation of every rule.
P=$T/planted
mkdir -p "$P"/{db,gateway,consult,analytics,locales,ctl,common}
printf '#include <sqlite3.h>\n' >"$P/consult/a.c"
printf '#include <event2/event.h>\n#include <curl/curl.h>\n' >"$P/db/b.c"
printf '#include <sodium.h>\n' >"$P/db/participant.c"
printf '#include <unicode/ustring.h>\n#include <jansson.h>\n' >"$P/db/c.c"
printf '#include "gateway.h"\n' >"$P/analytics/d.c"
printf '#include "consult.h"\n' >"$P/db/e.c"
printf '  #  include   <jansson.h>  /* spaced */\n' >"$P/consult/f.h"
printf '#include "db_int.h"\n' >"$P/consult/g.c"
printf '#include <xlsxwriter.h>\n' >"$P/ctl/h.c"
# and legal ones that must pass
printf '#include <sqlite3.h>\n#include "db_int.h"\n' >"$P/db/ok.c"
: >"$P/db/db_int.h"	# the private header the line above may include
printf '#include <sodium.h>\n' >"$P/consult/crypto.c"
printf '#include <jansson.h>\n' >"$P/consult/report_json.c"
printf '#include <xlsxwriter.h>\n' >"$P/consult/report_xlsx.c"
printf '#include <event2/http.h>\n#include <curl/curl.h>\n#include <jansson.h>\n#include "gateway.h"\n' >"$P/gateway/ok.c"
printf '#include <unicode/uchar.h>\n' >"$P/locales/ok.c"
printf '#include <jansson.h>\n#include "gateway.h"\n' >"$P/ctl/ok.c"
got=$(offenders "$P")
printf '%s\n' "$got" | sed 's/^/  planted: /'
n=$(printf '%s\n' "$got" | grep -c .)
check "planted violations found" "$n" 11
printf '%s\n' "$got" | cut -d: -f1 | grep -Eq '/ok\.c$|^consult/crypto\.c$|^consult/report_(json|xlsx)\.c$' &&
    fail "legal includes reported as violations"
ok "legal includes accepted"
P2=$T/planted2
mkdir -p "$P2/consult"
printf '#include <sodium.h>\n' >"$P2/consult/crypto.c"
printf '#include <sodium.h>\n' >"$P2/consult/participant.c"
check "sodium.h in two files under consult/" "$(offenders "$P2" | grep -c 'one only')" 2

# 2. The real tree.
src=$top_srcdir
[ -d "$src/db" ] && [ -d "$src/gateway" ] || fail "no source tree at $src"
nfiles=$(for m in $MODULES; do [ -d "$src/$m" ] && find "$src/$m" -type f \( -name '*.c' -o -name '*.h' \); done | grep -c .)
[ "$nfiles" -gt 10 ] || fail "only $nfiles source files found under $src"
bad=$(offenders "$src")
if [ -n "$bad" ]; then
	printf '%s\n' "$bad" | sed 's/^/  offender: /' >&2
	fail "$(printf '%s\n' "$bad" | grep -c .) include(s) cross a module boundary (STYLE.md)"
fi
ok "$nfiles source files respect the module boundaries"
