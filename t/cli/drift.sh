#!/bin/sh
# bclint diff and --previous: the command line and its exact errors, the
# change report in every format (with the previous snapshot's locations),
# baselines and fingerprints that survive reordering, --redact, and the
# editors reading a report that spans two files.
. "$top_srcdir/t/lib/tap.sh"
cd "$top_srcdir" || exit 1
OLD=examples/drift/last-week.json NEW=examples/drift/today.json
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# -- the command line --------------------------------------------------
run_bclint diff $OLD
is "$status:$err" "2:bclint diff: error: give two snapshots, OLD and NEW
Try 'bclint diff --help' for more information." "diff with one snapshot: usage error"
run_bclint diff $OLD $NEW $NEW
is "$status:$err" "2:bclint diff: error: too many snapshots: give OLD and NEW
Try 'bclint diff --help' for more information." "diff with three snapshots: usage error"
run_bclint diff --previous=$OLD $OLD $NEW
is "$status:$err" "2:bclint diff: error: --previous does not go with diff: give OLD NEW
Try 'bclint diff --help' for more information." "diff with --previous: usage error"
run_bclint --previous=$OLD $NEW $NEW
is "$status:$err" "2:bclint: error: --previous goes with one snapshot, not 2
Try 'bclint --help' for more information." "--previous with two snapshots: usage error"
run_bclint diff --bogus $OLD $NEW
is "$status:$err" "2:bclint diff: unrecognized option '--bogus'
Try 'bclint diff --help' for more information." "diff with an unknown option: usage error"
run_bclint diff --help
is "$status:$(printf '%s\n' "$out" | head -1)" "0:Usage: bclint diff [OPTION]... OLD NEW" "diff --help"
run_bclint diff $OLD t/rules/drift/nope.json
is "$status:$err" "2:bclint diff: error: t/rules/drift/nope.json: cannot read snapshot: No such file or directory
0 errors, 0 warnings, 0 notes" "diff: NEW unreadable"
run_bclint diff t/rules/drift/nope.json $NEW
is "$status:$err" "2:bclint diff: error: t/rules/drift/nope.json: cannot read previous snapshot: No such file or directory
0 errors, 0 warnings, 0 notes" "diff: OLD unreadable"

# -- the change report ------------------------------------------------
run_bclint diff $OLD $NEW
diff=$out
is "$status" 1 "diff: exit 1 (a member was made Admin)"
is "$err" "1 error, 8 warnings, 13 notes" "diff: the summary"
is "$(printf '%s\n' "$diff" | grep -c '\]$')" 22 "diff: 22 changes"
run_bclint diff --fail-on=warning --level=role-raised=warning $OLD $NEW
is "$status:$err" "1:0 errors, 9 warnings, 13 notes" "diff: levels and --fail-on apply"
run_bclint diff --disable=role-raised,two-step-changed $OLD $NEW
is "$status:$err" "0:0 errors, 7 warnings, 13 notes" "diff: --disable applies"
run_bclint diff --enable=partner-over-privileged $OLD $NEW
is "$(printf '%s\n' "$out" | grep -c '\[partner-over-privileged\]$')" 1 "diff: --enable adds a lint rule"
run_bclint --previous=$OLD $NEW
lint=$out
is "$status" 1 "--previous: exit 1"
plain=$($BCLINT $NEW 2>/dev/null | grep -c '\]$')
is "$(printf '%s\n' "$lint" | grep -c '\]$')" "$((plain + 22))" "--previous: the lint findings and the 22 changes"
is "$(printf '%s\n' "$lint" | grep '\[role-raised\]$' | cut -d: -f1-3)" "examples/drift/today.json:10:5" \
	"--previous: role-raised at the member now"
run_bclint --no-isolate --previous=$OLD $NEW
is "$out" "$lint" "--previous: the same without isolation"

# -- json: removals in OLD, notes in the other file ------------------
run_bclint diff -f json $OLD $NEW
printf '%s\n' "$out" >"$tmp/d.json"
is "$(jq -r '[.findings[] | select(.rule == "member-removed") | "\(.file):\(.line) \(.user_id) \(.notes[0].file)"] | join(",")' "$tmp/d.json")" \
	"$OLD:15 6900000000000000108 $NEW" "json: a removal at the old entity, its note in the new file"
is "$(jq -r '[.findings[] | select(.rule == "grant-widened") | "\(.file) \(.user_id) \(.asset_type) \(.asset_id) \(.notes[0].file)"] | join(",")' "$tmp/d.json")" \
	"$NEW 6900000000000000104 ADVERTISER 7100000000000000201 $OLD" "json: a widening at the new assignment, its note in the old file"
is "$(jq '[.findings[].fingerprint] | unique | length' "$tmp/d.json")" 22 "json: 22 distinct fingerprints"

# -- sarif: the other snapshot as a related location --------------------
run_bclint diff -f sarif $OLD $NEW
printf '%s\n' "$out" >"$tmp/d.sarif"
q() { jq -r "$1" "$tmp/d.sarif"; }
is "$(q '[.runs[0].artifacts[].location.uri] | join(" ")')" "$NEW $OLD" "sarif: both snapshots are artifacts"
is "$(q '.runs[0].results[] | select(.ruleId == "role-raised") | [.locations[0].physicalLocation.artifactLocation.uri, .relatedLocations[0].physicalLocation.artifactLocation.uri, .relatedLocations[0].physicalLocation.region.startLine] | join(" ")')" \
	"$NEW $OLD 10" "sarif: a change at NEW, the old location as a related location"
is "$(q '.runs[0].results[] | select(.ruleId == "partner-removed") | [.locations[0].physicalLocation.artifactLocation.index, .relatedLocations[0].physicalLocation.artifactLocation.index] | join(" ")')" \
	"1 0" "sarif: a removal at OLD, where it went in NEW as a related location"
is "$(q '[.runs[0].tool.driver.rules[] | select(.properties.tags | index("drift")) | .id] | length')" 20 "sarif: the 20 drift rules are in the driver"
.ci/validate-sarif "$tmp/d.sarif" >"$tmp/v.out" 2>&1
rc=$?
if [ "$rc" -eq 77 ]; then
	ok 0 "# SKIP the SARIF multitool is not installed"
else
	ok "$rc" "sarif: the change report passes the multitool's SARIF and GitHub rules"
	[ "$rc" -eq 0 ] || diag "$(cat "$tmp/v.out")"
fi

# -- github: one command per change ------------------------------------
run_bclint diff -f github $OLD $NEW
is "$(printf '%s\n' "$out" | grep -c '^::')" 22 "github: one workflow command per change"
is "$(printf '%s\n' "$out" | grep '^::notice file=examples/drift/last-week.json,line=15,' | grep -c 'title=member-removed::')" 1 \
	"github: a removal is annotated in the old file"

# -- baselines and fingerprints --------------------------------------------
run_bclint diff --baseline="$tmp/d.json" $OLD $NEW
is "$status:$out" "0:" "baseline: every change baselined"
is "$err" "bclint: baseline $tmp/d.json: 22 findings baselined, 0 baseline entries gone (fixed)
0 errors, 0 warnings, 0 notes" "baseline: the count"
# Both snapshots reordered (every array reversed) and re-indented: the same
# changes, the same fingerprints.
for f in $OLD $NEW; do
	jq 'def r: if type == "array" then map(r) | reverse elif type == "object" then map_values(r) else . end; r' \
		"$f" >"$tmp/r-$(basename "$f")"
done
run_bclint diff -f json "$tmp/r-last-week.json" "$tmp/r-today.json"
is "$(printf '%s\n' "$out" | jq -c '[.findings[] | [.rule, .fingerprint]] | sort')" \
	"$(jq -c '[.findings[] | [.rule, .fingerprint]] | sort' "$tmp/d.json")" \
	"reordered and re-indented: the same changes with the same fingerprints"
run_bclint diff --baseline="$tmp/d.json" "$tmp/r-last-week.json" "$tmp/r-today.json"
is "$status:$out" "0:" "reordered: the baseline still hides every change"

# -- --redact ------------------------------------------------------------
run_bclint diff --redact -f json $OLD $NEW
printf '%s' "$out" | grep -q '@acme.example\|@gmail.com'
ok $((! $?)) "--redact: no email in the change report, old members' included"
is "$(printf '%s\n' "$out" | jq -r '.findings[] | select(.rule == "member-removed") | .user_email')" \
	"user-$(printf '%s\n' "$out" | jq -r '.findings[] | select(.rule == "member-removed") | .message' | sed 's/^user-\([0-9a-f]*\) .*/\1/')" \
	"--redact: a removed member's pseudonym is the same in message and user_email"

# -- editors: Vim's quickfix list over two files ------------------------
run_bclint diff --color=never $OLD $NEW
printf '%s\n' "$out" >"$tmp/d.txt"
if command -v vim >/dev/null && vim -u NONE -es -c 'if has("lambda") | qa! | else | cq | endif' </dev/null >/dev/null 2>&1; then
	vim -u NONE -i NONE -N -es -c "set rtp^=$top_srcdir/contrib/vim" -c 'compiler bclint' \
		-c "cgetfile $tmp/d.txt" \
		-c "call writefile([json_encode(map(getqflist(), {_, e -> {'file': bufname(e.bufnr), 'line': e.lnum, 'col': e.col, 'type': e.type}}))], '$tmp/qf')" \
		-c 'qa!' </dev/null >/dev/null 2>&1
	is "$(jq length "$tmp/qf")" "$(grep -c . "$tmp/d.txt")" "vim: one quickfix entry per change and per note"
	is "$(jq -c '[.[] | select(.type == "e" or .type == "w") | {file, line, col}]' "$tmp/qf")" \
		"$(jq -c '[.findings[] | select(.level != "note") | {file, line, col: .column}]' "$tmp/d.json")" \
		"vim: errors and warnings at their file, line and column, in either snapshot"
	is "$(jq -r '[.[] | .file] | unique | join(" ")' "$tmp/qf")" "$OLD $NEW" "vim: entries in both files"
else
	for i in 1 2 3; do ok 0 "# SKIP no vim with lambdas"; done
fi
python3 - "$tmp/d.txt" >"$tmp/regex" <<'PY'
import re, sys
gcc = re.compile(r"^(.*?):(\d+):(\d*):?\s+(?:fatal\s+)?(warning|error):\s+(.*)$")
print(sum(1 for l in open(sys.argv[1], encoding="utf-8") if gcc.match(l)))
PY
is "$(cat "$tmp/regex")" 9 "VS Code's \$gcc matcher: the error and the 8 warnings"

done_testing
