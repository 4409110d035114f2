#!/bin/bash
# SPDX-License-Identifier: ISC
#
# USSD through the real Kannel over SMPP: ussd_smsc.js plays the operator's
# USSD gateway, bearerbox binds to it as a transceiver and carries the
# ussd_service_op and its_session_info TLVs, smsbox hands each message to
# sanald's /kannel/mo (the TLVs in meta=) and turns sanald's answer and its
# X-Kannel-* headers back into a submit_sm. A new phone picks its language,
# sees the main menu and leaves; dialling *1234*12# opens draft law 12, where
# a wrong key shows the question again, and the phone votes (the vote is
# counted) and gets a receipt; a continuation of a session sanald never saw
# ends politely; a phone that picks Mongol (latin) gets GSM-7 screens. Every
# answer must be one submit_sm with service_type USSD, the right
# ussd_service_op (2 = continue, 17 = end), the session echoed and the text
# intact (UCS-2 for Cyrillic) and whole: Kannel cuts a longer one silently.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/integ/lib.sh"

# Phones: international (TON 1, Kannel shows +976...) and national (TON 2).
P_NEW=97699120001 P_STRAY=88120002 P_LAT=95120003
# its_session_info: octet 1 is the session number, octet 2 the dialogue
# unit's sequence number and end flag, so any two octets can come: a zero
# octet, a high one, and ones that mean something in a URL ('&', '=', '%').
S_LANG=0700 S_VOTE=2680 S_STRAY=ff01 S_LAT=3d25
OP_CONTINUE=2 OP_END=17 OP_PSSR=1 OP_USSR_CONFIRM=18

start_sanald
cat >"$T/scenario.json" <<EOF
{"steps": [
 {"label": "lang", "from": "$P_NEW", "text": "*$SHORTCODE#", "op": $OP_PSSR, "session": "$S_LANG"},
 {"label": "menu", "from": "$P_NEW", "text": "1", "op": $OP_USSR_CONFIRM, "session": "$S_LANG", "dc": 8},
 {"label": "bye", "from": "$P_NEW", "text": "0", "op": $OP_USSR_CONFIRM, "session": "$S_LANG"},
 {"label": "item", "from": "$P_NEW", "text": "*$SHORTCODE*12#", "op": $OP_PSSR, "session": "$S_VOTE"},
 {"label": "question", "from": "$P_NEW", "text": "2", "op": $OP_USSR_CONFIRM, "session": "$S_VOTE"},
 {"label": "wrong", "from": "$P_NEW", "text": "9", "op": $OP_USSR_CONFIRM, "session": "$S_VOTE"},
 {"label": "confirm", "from": "$P_NEW", "text": "1", "op": $OP_USSR_CONFIRM, "session": "$S_VOTE", "dc": 8},
 {"label": "commit", "from": "$P_NEW", "text": "1", "op": $OP_USSR_CONFIRM, "session": "$S_VOTE"},
 {"label": "receipt", "from": "$P_NEW", "text": "3", "op": $OP_USSR_CONFIRM, "session": "$S_VOTE"},
 {"label": "stray", "from": "$P_STRAY", "text": "1", "op": $OP_USSR_CONFIRM, "session": "$S_STRAY"},
 {"label": "lat_lang", "from": "$P_LAT", "text": "*$SHORTCODE#", "op": $OP_PSSR, "session": "$S_LAT"},
 {"label": "lat_menu", "from": "$P_LAT", "text": "2", "op": $OP_USSR_CONFIRM, "session": "$S_LAT"},
 {"label": "lat_bye", "from": "$P_LAT", "text": "0", "op": $OP_USSR_CONFIRM, "session": "$S_LAT"}
]}
EOF
start_kannel_smpp "$T/scenario.json"
ussd_run

# check_screen LABEL SESSION OP DC ERE...: the answer to step LABEL is one submit_sm
# with service_type USSD, ussd_service_op OP, its_session_info SESSION,
# data_coding DC and a text matching every ERE, within sanald's screen budget
# (75 UCS-2 or 160 GSM-7 characters) and whole (its last line is an option or
# the end screen's last sentence: Kannel would cut a longer one silently).
check_screen() {
	local label=$1 sess=$2 op=$3 dc=$4 max=160 re
	shift 4
	ussd_answer "$label" || fail "$label: no submit_sm answered this step"
	local txt="'$USSD_TEXT'"
	[ "$USSD_OP" = "$op" ] || fail "$label: ussd_service_op '$USSD_OP', expected $op; screen $txt"
	[ "$USSD_SESSION" = "$sess" ] ||
	    fail "$label: its_session_info '$USSD_SESSION', expected $sess echoed; screen $txt"
	[ "$USSD_SERVICE" = USSD ] ||
	    fail "$label: service_type '$USSD_SERVICE', expected USSD (X-Kannel-BInfo); screen $txt"
	[ "$USSD_PARTS" = 1 ] || fail "$label: $USSD_PARTS submit_sm for one screen; the first $txt"
	[ "$USSD_DC" = "$dc" ] || fail "$label: data_coding $USSD_DC, expected $dc; screen $txt"
	[ "$dc" = 8 ] && max=75
	[ "${#USSD_TEXT}" -le "$max" ] ||
	    fail "$label: ${#USSD_TEXT} characters, over the budget of $max: $txt"
	case $USSD_TEXT in
	*[[:alpha:].!]) ;;
	*) fail "$label: the screen ends mid-word: cut by Kannel? $txt" ;;
	esac
	for re in "$@"; do
		printf '%s' "$USSD_TEXT" | grep -Eq -- "$re" || fail "$label: screen does not match /$re/: $txt"
	done
	ok "$label: op $op, session $sess, coding $dc: $(printf '%s' "$USSD_TEXT" | tr '\n' '|')"
}

# A phone never seen: language first, then the main menu; 0 leaves.
check_screen lang "$S_LANG" $OP_CONTINUE 8 'Монгол' 'English'
check_screen menu "$S_LANG" $OP_CONTINUE 8 'САНАЛ' 'Төсл'
check_screen bye "$S_LANG" $OP_END 8 'Баярлалаа'

# The same phone dials straight into draft law 12 and supports it.
check_screen item "$S_VOTE" $OP_CONTINUE 8 'Бэлчээр' 'Санал өгөх'
check_screen question "$S_VOTE" $OP_CONTINUE 8 '1 Дэмжинэ'
# A wrong key shows the same screen again, with a line saying so.
check_screen wrong "$S_VOTE" $OP_CONTINUE 8 '^Буруу' '1 Дэмжинэ' 'Буцах$'
check_screen confirm "$S_VOTE" $OP_CONTINUE 8 'ДЭМЖИНЭ' '1 Батлах'
check_screen commit "$S_VOTE" $OP_CONTINUE 8 'бүртгэгдлээ'
check_screen receipt "$S_VOTE" $OP_END 8 '№'

# A continuation of a session sanald never saw, from a phone never seen.
check_screen stray "$S_STRAY" $OP_END 8 '.'

# Mongol (latin): GSM-7 screens, half the cost of UCS-2 per character.
check_screen lat_lang "$S_LAT" $OP_CONTINUE 8 'Монгол' 'English'
check_screen lat_menu "$S_LAT" $OP_CONTINUE 0 'SANAL'
case $USSD_TEXT in *'?'*) fail "lat_menu: a character GSM-7 lacks became '?': '$USSD_TEXT'" ;; esac
check_screen lat_bye "$S_LAT" $OP_END 0 '.'

report=$(ctl report 12 --format json | tr -d ' \n\t') || fail "sanalctl report 12"
check_re "report 12 counts the USSD vote" "$report" '"support":1[,}]'
no_phone_in_clear "$P_NEW" "${P_NEW#976}" "$P_STRAY" "$P_LAT"
