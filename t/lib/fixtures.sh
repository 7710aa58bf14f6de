#!/bin/sh
# Data-driven tests: every CASE.json in the given directories is linted and
# compared with CASE.expected.  An expected file starts with directives:
#   # args: OPTIONS      extra command-line options for this case
#   # exit: N            the expected exit status (default 0)
# and the rest of it is the exact standard output.  An optional
# CASE.stderr holds the exact standard error.  A directory may hold
# an `args` file with options for all its cases.  Cases run from their own
# directory, so paths in the output are the bare file names.
. "${top_srcdir:-.}/t/lib/tap.sh"

for dir in "$@"; do
	case $dir in /*) ;; *) dir="${top_srcdir:-.}/$dir" ;; esac
	dirargs=
	[ -f "$dir/args" ] && dirargs=$(cat "$dir/args")
	for exp in "$dir"/*.expected; do
		[ -f "$exp" ] || continue
		name=$(basename "$exp" .expected)
		input=$name.json
		[ -f "$dir/$input" ] || input=$(sed -n 's/^# input: //p' "$exp")
		args=$(sed -n 's/^# args: //p' "$exp")
		want_exit=$(sed -n 's/^# exit: //p' "$exp")
		want=$(grep -v '^# [a-z]*:' "$exp")
		errfile=$(mktemp)
		got=$(cd "$dir" && eval "set -- $dirargs $args" && $BCLINT "$@" "$input" 2>"$errfile")
		status=$?
		is "$got" "$want" "$(basename "$dir")/$name: output"
		is "$status" "${want_exit:-0}" "$(basename "$dir")/$name: exit status"
		if [ -f "$dir/$name.stderr" ]; then
			is "$(cat "$errfile")" "$(cat "$dir/$name.stderr")" "$(basename "$dir")/$name: stderr"
		fi
		rm -f "$errfile"
	done
done
done_testing
