#!/bin/sh
# The membership plugin's rules, one fixture directory each.
cd "$top_srcdir" || exit 1
exec $BCLINT --check-fixtures t/rules/email-domain-not-allowed \
	t/rules/agency-staff-as-members t/rules/partner-over-privileged
