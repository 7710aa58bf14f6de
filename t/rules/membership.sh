#!/bin/sh
# The membership plugin's rules, one fixture directory each.
exec sh "$top_srcdir/t/lib/fixtures.sh" t/rules/email-domain-not-allowed \
	t/rules/agency-staff-as-members t/rules/partner-over-privileged
