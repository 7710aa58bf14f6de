#!/bin/sh
# bclint-rules(7) is generated from the rules' own metadata: it must be
# exactly what the built plugins say today.  Regenerate it with
#   ./bclint --rules-path=rules/.libs --list-rules --format=man > man/bclint-rules.7
. "$top_srcdir/t/lib/tap.sh"
run_bclint --list-rules --format=man
is "$out" "$(cat "$top_srcdir/man/bclint-rules.7")" "man/bclint-rules.7 matches the plugins' metadata"
is "$status" 0 "--list-rules --format=man: exit 0"
run_bclint --list-rules
ids=$(printf '%s\n' "$out" | awk '{print $1}')
run_bclint --list-rules --format=man
for id in $ids; do
	printf '%s\n' "$out" | grep -qx ".Ss $id"
	ok $? "bclint-rules(7) has a section for $id"
done
run_bclint --list-rules --format=json
is "$(printf '%s' "$out" | jq -r '[.rules[].id] | join(" ")')" "$(echo $ids)" "--list-rules --format=json lists the same rules"
is "$(printf '%s' "$out" | jq -r '.rules[] | select(.id == "too-many-admins") | .options[0] | "\(.key) \(.type) \(.default)"')" \
	"max_admins integer 3" "--list-rules --format=json: typed options with defaults"
run_bclint --format=man examples/demo.json
is "$err" "bclint: error: --format=man goes with --list-rules
Try 'bclint --help' for more information." "--format=man only lists rules"
done_testing
