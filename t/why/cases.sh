#!/bin/sh
# Exact-output tests of `bclint why`.  Every CASE.expected in the given
# directories starts with directives:
#   # args: ARGUMENTS    what follows `bclint why` (run in t/why/data)
#   # exit: N            the expected exit status
# and the rest is the exact output: standard output for exit 0 and 1 (then
# standard error must be empty), standard error for exit 2 (then standard
# output must be empty).
. "${top_srcdir:-.}/t/lib/tap.sh"

data="${top_srcdir:-.}/t/why/data"
for dir in "$@"; do
	case $dir in /*) ;; *) dir="${top_srcdir:-.}/$dir" ;; esac
	for exp in "$dir"/*.expected; do
		[ -f "$exp" ] || continue
		name=$(basename "$dir")/$(basename "$exp" .expected)
		args=$(sed -n 's/^# args: //p' "$exp")
		want_exit=$(sed -n 's/^# exit: //p' "$exp")
		want=$(grep -v '^# [a-z]*:' "$exp")
		_o=$(mktemp) _e=$(mktemp)
		(cd "$data" && eval "set -- $args" && $BCLINT why "$@" >"$_o" 2>"$_e")
		status=$?
		out=$(cat "$_o") err=$(cat "$_e")
		rm -f "$_o" "$_e"
		if [ "${want_exit:-0}" -eq 2 ]; then
			is "$err" "$want" "$name: standard error"
			is "$out" "" "$name: nothing on standard output"
		else
			is "$out" "$want" "$name: output"
			is "$err" "" "$name: nothing on standard error"
		fi
		is "$status" "${want_exit:-0}" "$name: exit status"
	done
done
done_testing
