#!/bin/sh
# permission-too-narrow, asset-not-assigned, foreign-asset and
# non-delegable-action split the access plan between them: on a snapshot
# whose needs are each labelled "ok" or "unsatisfied" (x_note), every
# unsatisfied need is reported by exactly one of the four rules, and every
# satisfied one by none.
. "$top_srcdir/t/lib/tap.sh"

dir="$top_srcdir/t/rules/access-agreement"
rules=permission-too-narrow,asset-not-assigned,foreign-asset,non-delegable-action
report=$(cd "$dir" && $BCLINT --disable=all --enable=$rules agree.json 2>/dev/null)

# Each labelled need is on a line of its own: LINE:LABEL.
needs=$(grep -n '"x_note": "[a-z]*"' "$dir/agree.json" |
	sed 's/^\([0-9]*\):.*"x_note": "\([a-z]*\)".*/\1:\2/')
total=0
for n in $needs; do
	line=${n%%:*}
	label=${n#*:}
	want=1
	[ "$label" = ok ] && want=0
	got=$(printf '%s\n' "$report" | grep -c "^agree.json:$line:5: error: ")
	is "$got" "$want" "need at line $line ($label): reported by $want of the four rules"
	total=$((total + 1))
done
ok $([ "$total" -ge 30 ] && echo 0 || echo 1) "the snapshot holds $total labelled needs"
done_testing
