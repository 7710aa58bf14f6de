# TAP helpers for the shell tests.  Source after setting nothing; uses
# $BCLINT (the binary under test) and $BCLINT_RULES_PATH from the harness.
# Each check prints one TAP line; done_testing prints the plan.
tap_n=0
tap_failed=0

ok() { # ok COND-STATUS DESCRIPTION
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

diag() { printf '%s\n' "$@" | sed 's/^/# /'; }

# is GOT WANT DESCRIPTION: exact string comparison, with a diff on failure.
is() {
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		diag "--- expected" "$2" "--- got" "$1"
	fi
}

# run_bclint ARGS...: sets $out (stdout), $err (stderr) and $status.
run_bclint() {
	_o=$(mktemp) _e=$(mktemp)
	$BCLINT "$@" >"$_o" 2>"$_e" # unquoted: may be "valgrind ... bclint"
	status=$?
	out=$(cat "$_o")
	err=$(cat "$_e")
	rm -f "$_o" "$_e"
}

# bclint_on_path DIR: a `bclint` in DIR that runs $BCLINT (valgrind and
# all), and DIR first on PATH, for tests of tools that run `bclint`.
bclint_on_path() {
	printf '#!/bin/sh\nexec %s "$@"\n' "$BCLINT" >"$1/bclint"
	chmod +x "$1/bclint"
	PATH=$1:$PATH
	export PATH
}

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}

# The rules beyond the five core ones: tests of output formats switch them
# off so that the catalog can grow without changing their expectations.
NONCORE="--disable=asset-not-assigned,non-delegable-action,excess-grant,unbound-asset"
NONCORE="$NONCORE,too-few-admins,too-many-asset-admins,stale-session,pending-invitation"
NONCORE="$NONCORE,inactive-member,two-step-disabled,email-domain-not-allowed"
NONCORE="$NONCORE,agency-staff-as-members,partner-over-privileged"
