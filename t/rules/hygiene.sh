#!/bin/sh
# The hygiene plugin's rules, one fixture directory each, then the one case
# a fixture cannot pin down: no --now and no captured_at, so ages count from
# the clock.
. "$top_srcdir/t/lib/tap.sh"

fixtures=$(cd "$top_srcdir" && $BCLINT --check-fixtures t/rules/stale-session t/rules/pending-invitation \
	t/rules/inactive-member t/rules/two-step-disabled t/rules/former-member-access)
printf '%s\n' "$fixtures" | grep -v '^1\.\.'
tap_n=$(printf '%s\n' "$fixtures" | grep -c '^\(not \)\{0,1\}ok ')
tap_failed=$(printf '%s\n' "$fixtures" | grep -c '^not ok ')

# Signed in on 2000-01-01: the age is whole days from then to the clock
# (either side of a midnight that passes while bclint runs).
snap=$(mktemp)
trap 'rm -f "$snap"' EXIT
cat >"$snap" <<'JSON'
{"schema": "bclint-snapshot/1", "bc": {"bc_id": "1"}, "assets": [],
 "members": [{"user_id": "1", "user_email": "a@x.example", "user_role": "STANDARD",
              "x_last_login_at": "2000-01-01T00:00:00Z"}]}
JSON
before=$(( ($(date +%s) - 946684800) / 86400 ))
run_bclint --disable=all --enable=inactive-member "$snap"
after=$(( ($(date +%s) - 946684800) / 86400 ))
msg() {
	echo "$snap:2:14: warning: a@x.example last signed in $1 days ago, more than max_idle_days" \
		"(90): review their access and remove them in Business Center > Users if they no" \
		"longer need it [inactive-member]"
}
want=$(msg "$before")
[ "$out" = "$(msg "$after")" ] && want=$out
is "$out" "$want" "inactive-member: without --now or captured_at, ages count from the clock"
is "$status" 0 "inactive-member: clock case exit status"
done_testing
