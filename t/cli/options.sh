#!/bin/sh
# Rule options on the command line: a wrong key or value is a usage error
# (exit 2) that names the rule and, for a wrong key, the keys it accepts.
. "$top_srcdir/t/lib/tap.sh"

snap="$top_srcdir/t/rules/inactive-member/basic.json"
try_help="Try 'bclint --help' for more information."

# refused ARG MESSAGE: bclint ARG exits 2, prints nothing on standard output
# and exactly MESSAGE (and the --help hint) on standard error.
refused() {
	run_bclint "$1" "$snap"
	is "$status" 2 "$1: exit status"
	is "$out" "" "$1: no report"
	is "$err" "bclint: error: $2
$try_help" "$1: message"
}

refused --set=inactive-member.max_idle=3 \
	"rule 'inactive-member' has no option 'max_idle' (accepted: max_idle_days)"
refused --set=inactive-member.max_idle_days=abc \
	"invalid value 'abc' for inactive-member.max_idle_days: expected a non-negative integer"
refused --set=inactive-member.max_idle_days=-1 \
	"invalid value '-1' for inactive-member.max_idle_days: expected a non-negative integer"
refused --set=inactive-member.max_idle_days= \
	"invalid value '' for inactive-member.max_idle_days: expected a non-negative integer"
refused --set=pending-invitation.max_idle_days=3 \
	"rule 'pending-invitation' has no option 'max_idle_days' (accepted: max_pending_days)"
refused --set=two-step-disabled.max_admins=3 \
	"rule 'two-step-disabled' has no option 'max_admins' (it takes none)"
refused --set=no-such-rule.max_idle_days=3 \
	"unknown rule 'no-such-rule' (see bclint --list-rules)"
refused --set=inactive-member.max_idle_days \
	"invalid --set 'inactive-member.max_idle_days' (RULE.KEY=VALUE)"

# A disabled rule's options are still checked.
run_bclint --disable=all --set=inactive-member.max_idle=3 "$snap"
is "$status" 2 "option of a disabled rule: exit status"

# A valid value is accepted and used.
run_bclint --disable=all --enable=inactive-member --set=inactive-member.max_idle_days=200 "$snap"
is "$status" 0 "max_idle_days=200: exit status"
is "$out" "$snap:13:5: warning: h@x.example last signed in 365 days ago, more than max_idle_days (200): review their access and remove them in Business Center > Users if they no longer need it [inactive-member]" \
	"max_idle_days=200: only the member idle longer is reported"
done_testing
