#!/bin/bash
# SPDX-License-Identifier: ISC
#
# Citizens text the platform through the real Kannel (bearerbox + smsbox +
# fakesmsc as the operator): a Cyrillic vote gets a Cyrillic reply that reaches
# the phone intact, a Latin vote a Latin (GSM-7) reply, a comment on article 3,
# a petition signature, ЖАГСААЛТ and ТУСЛАМЖ. The database then holds exactly
# what was sent, and no phone number appears in clear in it or in the log.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/integ/lib.sh"

start_sanald
start_kannel

P_CYR=99110001 P_LAT=88110002 P_COM=95110003 P_SIG1=99110004 P_SIG2=91110005
P_LIST=99110006 P_HELP=99110007
COMMENT='Бэлчээрийн даацыг сум бүр өөрөө тогтоох нь зөв. Өвөлжөөг хамгаална уу'
sent=0

# Cyrillic MO (UCS-2 from the phone) -> Cyrillic reply, UCS-2, intact.
mo $P_CYR "12 тийм"; sent=$((sent + 1))
wait_mt $P_CYR "$CYR" 30 || fail "no Cyrillic reply to '12 тийм' (last MT: '$MT_TEXT')"
case $MT_TEXT in *'?'*) fail "Cyrillic reply damaged: '$MT_TEXT'" ;; esac
check "reply to '12 тийм' travels as UCS-2" "$MT_TYPE" ucs-2
check_re "reply to '12 тийм' names item 12" "$MT_TEXT" '12'
ok "Cyrillic reply: $MT_TEXT"

# Latin MO -> Latin ASCII reply, coding 0 (half the cost).
mo $P_LAT "12 tiim"; sent=$((sent + 1))
wait_mt $P_LAT '.' 30 || fail "no reply to '12 tiim'"
grep -q "$CYR" <<<"$MT_TEXT" && fail "Latin writer got Cyrillic: '$MT_TEXT'"
printf '%s' "$MT_TEXT" | LC_ALL=C grep -q '[^ -~]' && fail "Latin reply not ASCII: '$MT_TEXT'"
case $MT_TEXT in *'?'*) fail "Latin reply has '?': '$MT_TEXT'" ;; esac
check "Latin reply travels as GSM-7 text" "$MT_TYPE" text
check_re "Latin reply names item 12" "$MT_TEXT" '12'
ok "Latin reply: $MT_TEXT"

# Comment on article 3 (long: goes as raw UTF-8, coding 0).
mo $P_COM "12 3 $COMMENT"; sent=$((sent + 1))
wait_mt $P_COM "$CYR" 30 || fail "no reply to the comment on article 3"
check_re "comment reply mentions article 3" "$MT_TEXT" '3'
ok "comment reply: $MT_TEXT"

# Petition 31: two signers; the first signs twice (counted once).
mo $P_SIG1 "31 тийм"; sent=$((sent + 1))
wait_mt $P_SIG1 "$CYR" 30 || fail "no reply to '31 тийм'"
ok "signature reply: $MT_TEXT"
mo $P_SIG1 "31 тийм"; sent=$((sent + 1))
wait_mt $P_SIG1 "$CYR" 30 || fail "no reply to the second '31 тийм'"
ok "second signature reply: $MT_TEXT"
mo $P_SIG2 "31 tiim"; sent=$((sent + 1))
wait_mt $P_SIG2 '.' 30 || fail "no reply to '31 tiim'"

# ЖАГСААЛТ lists the open items; ТУСЛАМЖ explains the commands.
mo $P_LIST "ЖАГСААЛТ"; sent=$((sent + 1))
wait_mt $P_LIST "$CYR" 30 || fail "no reply to ЖАГСААЛТ"
check_re "ЖАГСААЛТ lists consultation 12" "$MT_TEXT" '(^|[^0-9])12([^0-9]|$)'
check_re "ЖАГСААЛТ lists petition 31" "$MT_TEXT" '(^|[^0-9])31([^0-9]|$)'
mo $P_HELP "ТУСЛАМЖ"; sent=$((sent + 1))
wait_mt $P_HELP "$CYR" 30 || fail "no reply to ТУСЛАМЖ"
check_re "ТУСЛАМЖ explains voting" "$MT_TEXT" 'тийм'
case $MT_TEXT in *'?'*) fail "help reply damaged: '$MT_TEXT'" ;; esac

# Exactly one MT per MO: Kannel got a 200 the first time every time.
sleep 1
check "MTs received for $sent MOs" "$(mt_list | grep -c .)" "$sent"

# --- the database holds exactly what was sent ---------------------------------
check "mo rows" "$(sql 'SELECT count(*) FROM mo')" "$sent"
check "distinct Kannel ids in mo" "$(sql 'SELECT count(DISTINCT kannel_id) FROM mo')" "$sent"
check "support votes on 12" "$(sql "SELECT count(*) FROM vote v JOIN item i ON i.id = v.item_id
    WHERE i.code = '12' AND v.choice = 'support' AND v.channel = 'sms'")" 2
check "oppose votes on 12" "$(sql "SELECT count(*) FROM vote v JOIN item i ON i.id = v.item_id
    WHERE i.code = '12' AND v.choice = 'oppose'")" 0
check "comments on 12, article 3" "$(sql "SELECT count(*) FROM comment c JOIN item i ON i.id = c.item_id
    WHERE i.code = '12' AND c.article = '3'")" 1
raw=$(sql "SELECT text_raw FROM comment c JOIN item i ON i.id = c.item_id WHERE i.code = '12'")
case $raw in *"$COMMENT"*) ok "comment text_raw intact: $raw" ;;
*) fail "comment text_raw '$raw' is not the text sent" ;; esac
check "signatures on 31" "$(sql "SELECT count(*) FROM signature s JOIN item i ON i.id = s.item_id
    WHERE i.code = '31'")" 2
report=$(ctl report 31 --format json | tr -d ' \n\t') || fail "sanalctl report 31"
check_re "report 31 counts 2 signatures" "$report" '"signatures":2[,}]'
report=$(ctl report 12 --format json | tr -d ' \n\t') || fail "sanalctl report 12"
check_re "report 12 counts 2 support votes" "$report" '"support":2[,}]'
check_re "report 12 counts 1 comment" "$report" '"comments":1[,}]'

# --- privacy: the grep must be able to find a number (Kannel logs them) --------
grep -aqF $P_CYR "$T/bearerbox-access.log" || fail "self-check: phone not even in Kannel's log"
no_phone_in_clear $P_CYR $P_LAT $P_COM $P_SIG1 $P_SIG2 $P_LIST $P_HELP
# ЖАГСААЛТ and ТУСЛАМЖ take part in nothing: no participant row for them.
check "participants" "$(sql 'SELECT count(*) FROM participant')" 5
check "participants with a clear phone column" \
    "$(sql "SELECT count(*) FROM participant WHERE typeof(phone_enc) <> 'blob' OR typeof(phone_hash) <> 'blob'")" 0
