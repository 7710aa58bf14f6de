#!/bin/sh
# The line formats (gcc, github, azure) are written file by file while the
# files are linted, each file's findings once every file before it is
# done, and then forgotten.  The report is the one a format written at the
# end gives: the same findings in the same order (checked against the json
# report, which is written whole), the same counts and exit status, with
# -j, --no-isolate, --quiet and --max-warnings; and with the configuration's
# suppressions, whose findings come first but are known last, the report
# is written whole.
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

# The gcc lines of a json report, in its order: the oracle (these files
# hold no text that gcc's escaping changes).
gcc_of_json() {
	jq -r '.findings[] | select(.suppressed == null) |
		"\(.file):\(.line):\(.column): \(.level): \(.message) [\(.rule)]",
		(.notes[] | "\(.file):\(.line):\(.column): note: \(.message)")'
}

$BCLINT --no-config -f json "$@" 2>/dev/null | gcc_of_json >want.gcc
is "$(wc -l <want.gcc | tr -d ' ')" 198 "the json report holds 198 lines' worth"
for how in "-j 1" "-j 2" "-j 3" "--no-isolate"; do
	# shellcheck disable=SC2086
	$BCLINT --no-config $how "$@" >got.gcc 2>got.err
	st=$?
	cmp -s got.gcc want.gcc
	ok $? "gcc $how: the json report's findings, in its order"
	is "$st:$(grep -v '^==' got.err)" "1:42 errors, 60 warnings, 12 notes" \
		"gcc $how: every file's counts, and exit status 1"
	$BCLINT --no-config $how -o out.gcc "$@" 2>/dev/null
	cmp -s out.gcc want.gcc
	ok $? "gcc $how -o FILE: the same report in the file"
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
$BCLINT --no-config -f json "$@" 2>/dev/null |
	jq '.findings |= map(select(.level == "error"))' | gcc_of_json >want.q
run_bclint --no-config -q --fail-on=warning "$@"
printf '%s\n' "$out" >got.q
cmp -s got.q want.q
ok $? "-q: the errors alone, in order"
is "$status:$err" "1:" "-q: exit status 1, nothing on standard error"

# github and azure: the report -j 1 writes, whatever the workers.
for fmt in github azure; do
	$BCLINT --no-config -j 1 -f "$fmt" "$@" >one."$fmt" 2>/dev/null
	$BCLINT --no-config -j 3 -f "$fmt" "$@" >many."$fmt" 2>/dev/null
	cmp -s one."$fmt" many."$fmt"
	ok $? "$fmt: -j 3 gives the report of -j 1"
	is "$(grep -c '^::\|^##vso' one."$fmt")" 114 "$fmt: a line per finding of every file"
done

# A configuration with a suppression: its finding (unused here) comes
# first, before every snapshot's.
cat >.bclint.json <<'EOF'
{"suppressions": [{"rule": "too-many-admins", "pointer": "/nowhere", "reason": "none"}]}
EOF
run_bclint -j 2 "$@"
is "$(printf '%s\n' "$out" | sed -n 1p | cut -d: -f1)" ".bclint.json" \
	"with suppressions the report is written whole: the configuration's finding first"
is "$(printf '%s\n' "$out" | grep -c '^demo')" \
	"$(grep -c '^demo' want.gcc)" "and every snapshot's after it"
done_testing
