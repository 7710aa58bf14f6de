#!/bin/sh
# bclint-rules(7) and the pages of docs/rules/ (SARIF's helpUri) are
# generated from the rules' own metadata: they must be exactly what the
# built plugins say today.  Regenerate them with
#   ./bclint --rules-path=rules/.libs --list-rules --format=man > man/bclint-rules.7
#   ./bclint --rules-path=rules/.libs --list-rules --format=markdown -o docs/rules
. "$top_srcdir/t/lib/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
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

# docs/rules: a page for every rule, the host's own too, and the index.
run_bclint --list-rules --format=markdown -o "$tmp/rules"
is "$status|$out|$err" "0||" "--list-rules --format=markdown -o DIR: exit 0, nothing printed"
is "$(cd "$tmp/rules" && ls)" "$(cd "$top_srcdir/docs/rules" && ls)" \
	"docs/rules holds exactly the pages the plugins give (no page missing, none left over)"
stale=$(cd "$tmp/rules" && for f in *.md; do
	cmp -s "$f" "$top_srcdir/docs/rules/$f" || printf '%s ' "$f"
done)
is "$stale" "" "every page of docs/rules matches the plugins' metadata"
is "$(ls "$tmp/rules" | sed 's/\.md$//' | grep -v '^README$' | LC_ALL=C sort)" \
	"$(printf '%s\n' snapshot suppression-expired suppression-unused $ids | LC_ALL=C sort)" \
	"a page per loaded rule and per pseudo-rule of bclint's"
run_bclint -f sarif "$top_srcdir/examples/demo.json"
is "$(printf '%s' "$out" | jq -r '.runs[0].tool.driver.rules[].helpUri' | sed 's|^https://github.com/bclint/bclint/blob/main/||' |
	while read -r p; do [ -f "$top_srcdir/$p" ] || echo "$p"; done)" "" "every SARIF helpUri is a page of docs/rules"
run_bclint --list-rules --format=markdown
is "$status|$err" "2|bclint: error: --format=markdown writes a page per rule: give the directory with -o DIR
Try 'bclint --help' for more information." "--format=markdown needs -o DIR"
run_bclint --format=markdown examples/demo.json
is "$status|$err" "2|bclint: error: --format=markdown goes with --list-rules
Try 'bclint --help' for more information." "--format=markdown only lists rules"
run_bclint --list-rules --format=markdown -o "$tmp/no/such/dir"
is "$status|$err" "3|bclint: error: $tmp/no/such/dir: cannot create directory: No such file or directory" \
	"--format=markdown: a directory that cannot be made"
# Text that Markdown would read as markup stays text.
run_bclint --list-rules --format=markdown -o "$tmp/rules"
is "$(sed -n '/^## What it checks/,/^## /p' "$tmp/rules/too-many-admins.md" | sed -n 3p)" \
	'Counts active (BOUND) members whose user\_role is ADMIN and reports, at /bc, when there are more than max\_admins. Above 20, TikTok'"'"'s hard cap, the finding is an error. A note lists each Admin counted. Pending invitations are not counted: they hold no role until accepted.' \
	"Markdown pages escape emphasis characters"
is "$(grep '^| Precision\|^| Security' "$tmp/rules/two-step-disabled.md")" '| Precision | very-high |
| Security severity | 7.0 |' "a page says the rule's precision and security severity"
done_testing
