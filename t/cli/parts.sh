#!/bin/sh
# The gcc, github, azure and json formats are written file by file while
# the files are linted, each file's findings once every file before it is
# done, and then forgotten.  The report is the one written whole at the end
# (as it is with --baseline, here an empty one): the same bytes, the same
# counts and exit status, with -j, --no-isolate, -o, --quiet and
# --max-warnings across the files; and the gcc lines say what the json
# report says.  With the configuration's suppressions, whose findings come
# first but are known last, the report is written whole.
. "$top_srcdir/t/lib/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
d=$top_srcdir/t/data
set --
for i in 1 2 3; do
	cp "$top_srcdir/examples/demo.json" "demo$i.json"
	cp "$d/cli/mixed.json" "mixed$i.json"
	cp "$d/cli/warn.json" "warn$i.json"
	set -- "$@" "demo$i.json" "mixed$i.json" "warn$i.json"
done

# An empty baseline: nothing baselined, but the report is written whole.
echo '{"version": 1, "findings": [], "summary": {"error": 0, "warning": 0, "note": 0}}' >empty.json
whole() { $BCLINT --no-config --baseline=empty.json "$@" 2>/dev/null; }

# The gcc lines of a json report, in its order (these files hold no text
# that gcc's escaping changes).
gcc_of_json() {
	jq -r '.findings[] | select(.suppressed == null) |
		"\(.file):\(.line):\(.column): \(.level): \(.message) [\(.rule)]",
		(.notes[] | "\(.file):\(.line):\(.column): note: \(.message)")'
}

for fmt in gcc json github azure; do
	whole -f "$fmt" "$@" >"want.$fmt"
done
is "$(jq -c .summary want.json)" '{"error":42,"warning":60,"note":12}' \
	"the whole json report counts every file's findings"
gcc_of_json <want.json >want.lines
cmp -s want.lines want.gcc
ok $? "the whole gcc report says what the whole json report says, in its order"
is "$(wc -l <want.gcc | tr -d ' ')" 198 "198 lines of it"
for how in "-j 1" "-j 2" "-j 3" "--no-isolate"; do
	for fmt in gcc json github azure; do
		# shellcheck disable=SC2086
		$BCLINT --no-config $how -f "$fmt" "$@" >"got.$fmt" 2>got.err
		st=$?
		cmp -s "got.$fmt" "want.$fmt"
		ok $? "$fmt $how: the whole report, byte for byte"
	done
	is "$st:$(grep -v '^==' got.err)" "1:42 errors, 60 warnings, 12 notes" \
		"$how: every file's counts, and exit status 1"
	# shellcheck disable=SC2086
	$BCLINT --no-config $how -o out.json -f json "$@" 2>/dev/null
	cmp -s out.json want.json
	ok $? "json $how -o FILE: the same report in the file"
done

# --max-warnings counts every file's warnings, not the last part's: each
# file has fewer than 10, all of them more.
run_bclint --no-config --fail-on=none --max-warnings=59 "$@"
is "$status" 1 "--max-warnings=59 with 60 warnings across the files: 1"
run_bclint --no-config --fail-on=none --max-warnings=60 "$@"
is "$status" 0 "--max-warnings=60: 0"
run_bclint --no-config --fail-on=none --max-warnings=59 -f json "$@"
is "$status" 1 "the same with json, written whole: 1"

# --quiet: the errors of every file; the exit status counts what it drops.
for fmt in gcc json; do
	whole -q -f "$fmt" "$@" >"want.q.$fmt"
	run_bclint --no-config -q --fail-on=warning -f "$fmt" "$@"
	printf '%s\n' "$out" >"got.q.$fmt"
	cmp -s "got.q.$fmt" "want.q.$fmt"
	ok $? "$fmt -q: the errors alone, as the whole report has them"
	is "$status:$err" "1:" "$fmt -q: exit status 1, nothing on standard error"
done
is "$(jq -c .summary got.q.json)" '{"error":42,"warning":0,"note":0}' \
	"json -q: the summary counts every file's errors"
is "$(grep -c ': error: ' got.q.gcc)" 42 "gcc -q: every file's errors"

# A configuration with a suppression: its finding (unused here) comes
# first, before every snapshot's.
cat >.bclint.json <<'EOF'
{"suppressions": [{"rule": "too-many-admins", "pointer": "/nowhere", "reason": "none"}]}
EOF
run_bclint -j 2 "$@"
is "$(printf '%s\n' "$out" | sed -n 1p | cut -d: -f1)" ".bclint.json" \
	"with suppressions the report is written whole: the configuration's finding first"
printf '%s\n' "$out" | sed 1d >got.rest
cmp -s got.rest want.gcc
ok $? "and every snapshot's after it, as without the configuration"
run_bclint -j 2 -f json "$@"
is "$(printf '%s\n' "$out" | jq -r '.findings[0].file')" ".bclint.json" \
	"json: the configuration's finding first too"
done_testing
