#!/bin/sh
# The command line: every option and every exit status, with exact output.
. "$top_srcdir/t/lib/tap.sh"
# Only the five core rules, so that the catalog can grow without changing these tests.
CORE="--disable=all --enable=no-asset-assigned,permission-too-narrow,foreign-asset,too-many-admins,finance-role-misuse"
cd "$top_srcdir/t/data/cli" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

W1='mixed.json:6:5: warning: ben@x.example has the Business Center role STANDARD but no asset assigned: assign the assets they work on (Business Center > Users > Assign assets) [no-asset-assigned]'
E1="mixed.json:10:13: error: ana@x.example needs CREATE_EDIT_ADS on ad account 'Brand' (100) but holds advertiser_role ANALYST: grant at least advertiser_role OPERATOR [permission-too-narrow]"
N1='mixed.json:9:19: note: granted here: advertiser_role ANALYST'
W2='warn.json:4:15: warning: ben@x.example has the Business Center role STANDARD but no asset assigned: assign the assets they work on (Business Center > Users > Assign assets) [no-asset-assigned]'

run_bclint $CORE mixed.json
is "$out" "$W1
$E1
$N1" "gcc: sorted findings with their notes"
is "$err" "1 error, 1 warning, 0 notes" "gcc: summary on stderr"
is "$status" 1 "an error finding: exit 1"

run_bclint $CORE mixed.json warn.json
is "$out" "$W1
$E1
$N1
$W2" "two snapshots: one report with per-file locations"
is "$err" "1 error, 2 warnings, 0 notes" "two snapshots: one summary"

run_bclint $CORE - <warn.json
is "$out" "$(printf '%s\n' "$W2" | sed 's/^warn.json/-/')" "'-' reads standard input"

run_bclint $CORE warn.json
is "$status" 0 "warnings only: exit 0 by default"
run_bclint $CORE --fail-on=warning warn.json
is "$status" 1 "--fail-on=warning: exit 1"
run_bclint $CORE --fail-on=note warn.json
is "$status" 1 "--fail-on=note: exit 1"
run_bclint $CORE --fail-on=none mixed.json
is "$status" 0 "--fail-on=none: exit 0 despite an error"
run_bclint $CORE --fail-on=sometimes mixed.json
is "$err" "bclint: error: invalid --fail-on 'sometimes' (error, warning, note or none)
Try 'bclint --help' for more information." "--fail-on: bad value"
is "$status" 2 "--fail-on: bad value is exit 2"
run_bclint $CORE --max-warnings=0 warn.json
is "$status" 1 "--max-warnings=0 with a warning: exit 1"
run_bclint $CORE --max-warnings=1 warn.json
is "$status" 0 "--max-warnings=1 with a warning: exit 0"
run_bclint $CORE --max-warnings=-1 warn.json
is "$status" 2 "--max-warnings: negative is exit 2"

run_bclint $CORE --disable=no-asset-assigned mixed.json
is "$out" "$E1
$N1" "--disable drops a rule"
run_bclint $CORE --disable=all --enable=no-asset-assigned,foreign-asset mixed.json
is "$out" "$W1" "--disable=all then --enable a list"
run_bclint $CORE --enable=no-such-rule mixed.json
is "$err" "bclint: error: unknown rule 'no-such-rule' (see bclint --list-rules)
Try 'bclint --help' for more information." "--enable: unknown rule"
is "$status" 2 "--enable: unknown rule is exit 2"
run_bclint $CORE --level=permission-too-narrow=warning mixed.json
is "$(printf '%s\n' "$out" | sed -n 2p)" "$(printf '%s\n' "$E1" | sed 's/: error: /: warning: /')" "--level changes a rule's level"
is "$status" 0 "--level: no error left, exit 0"
run_bclint $CORE --level=permission-too-narrow=off mixed.json
is "$out" "$W1" "--level=RULE=off disables it"
run_bclint $CORE --level=permission-too-narrow=loud mixed.json
is "$status" 2 "--level: bad level is exit 2"
run_bclint $CORE --set=too-many-admins.max_admin=1 mixed.json
is "$err" "bclint: error: rule 'too-many-admins' has no option 'max_admin' (accepted: max_admins)
Try 'bclint --help' for more information." "--set: unknown key names the accepted keys"
is "$status" 2 "--set: unknown key is exit 2"
run_bclint $CORE --set=too-many-admins.max_admins=many mixed.json
is "$err" "bclint: error: invalid value 'many' for too-many-admins.max_admins: expected a non-negative integer
Try 'bclint --help' for more information." "--set: bad value"
run_bclint $CORE --set=no-asset-assigned.x=1 mixed.json
is "$err" "bclint: error: rule 'no-asset-assigned' has no option 'x' (it takes none)
Try 'bclint --help' for more information." "--set: a rule without options"
run_bclint $CORE --now=yesterday mixed.json
is "$err" "bclint: error: invalid --now 'yesterday' (an RFC 3339 timestamp)
Try 'bclint --help' for more information." "--now: bad timestamp"

run_bclint $CORE -q mixed.json
is "$out" "$E1
$N1" "-q: errors only"
is "$err" "" "-q: no summary"
is "$status" 1 "-q: exit status unchanged"

run_bclint $CORE --format=github mixed.json
is "$out" "::warning file=mixed.json,line=6,col=5,endLine=6,endColumn=77,title=no-asset-assigned::ben@x.example has the Business Center role STANDARD but no asset assigned: assign the assets they work on (Business Center > Users > Assign assets)
::error file=mixed.json,line=10,col=13,endLine=10,endColumn=105,title=permission-too-narrow::ana@x.example needs CREATE_EDIT_ADS on ad account 'Brand' (100) but holds advertiser_role ANALYST: grant at least advertiser_role OPERATOR%0Amixed.json:9:19: note: granted here: advertiser_role ANALYST" "--format=github"
run_bclint $CORE --format=json warn.json
is "$out" '{"version": 1, "findings": [
  {"file": "warn.json", "line": 4, "column": 15, "end_line": 4, "end_column": 87, "level": "warning", "rule": "no-asset-assigned", "message": "ben@x.example has the Business Center role STANDARD but no asset assigned: assign the assets they work on (Business Center > Users > Assign assets)", "pointer": "/members/0", "fingerprint": "9b217c14d2eeb32b", "bc_id": "1", "user_id": "2", "user_email": "ben@x.example", "asset_type": null, "asset_id": null, "notes": []}
], "summary": {"error": 0, "warning": 1, "note": 0}}' "--format=json"
run_bclint $CORE --format=sarif mixed.json
is "$(printf '%s' "$out" | jq -c '.runs[0].results[1] | [.ruleId, .level, .locations[0].physicalLocation.region, .locations[0].logicalLocations[0].fullyQualifiedName, .relatedLocations[0].message.text]')" \
	'["permission-too-narrow","error",{"startLine":10,"startColumn":13,"endLine":10,"endColumn":105},"/needs/0","granted here: advertiser_role ANALYST"]' "--format=sarif: result fields"
is "$(printf '%s' "$out" | jq -c '[.version, .runs[0].columnKind, .runs[0].invocations[0].exitCode, .runs[0].invocations[0].executionSuccessful]')" \
	'["2.1.0","unicodeCodePoints",1,true]' "--format=sarif: run fields"
is "$(printf '%s' "$out" | jq -r '.runs[0] | .tool.driver.rules[.results[1].ruleIndex].id')" \
	"permission-too-narrow" "--format=sarif: ruleIndex points at the rule"
run_bclint $CORE --format=xml mixed.json
is "$status" 2 "--format: unknown is exit 2"

run_bclint $CORE --color=always mixed.json
is "$(printf '%s\n' "$out" | sed -n 1p)" "$(printf '\033[1mmixed.json:6:5:\033[0m \033[1;35mwarning:\033[0m ben@x.example has the Business Center role STANDARD but no asset assigned: assign the assets they work on (Business Center > Users > Assign assets) [no-asset-assigned]')" "--color=always colours gcc output"
run_bclint $CORE --color=never mixed.json
is "$(printf '%s\n' "$out" | sed -n 1p)" "$W1" "--color=never"
run_bclint $CORE --color=auto mixed.json
is "$(printf '%s\n' "$out" | sed -n 1p)" "$W1" "--color=auto: no colour when not a terminal"

run_bclint $CORE -o "$tmp/report.txt" mixed.json
is "$out" "" "-o: nothing on stdout"
is "$(cat "$tmp/report.txt")" "$W1
$E1
$N1" "-o: the report in the file"
is "$status" 1 "-o: exit status unchanged"
# -o replaces a file's contents, not its mode, owner or links.
chmod 0664 "$tmp/report.txt"
$BCLINT $CORE -o "$tmp/report.txt" mixed.json 2>/dev/null
is "$(stat -c %a "$tmp/report.txt")" 664 "-o: an existing file keeps its mode (664)"
rm -f "$tmp/new.txt"
(umask 027 && $BCLINT $CORE -o "$tmp/new.txt" mixed.json 2>/dev/null)
is "$(stat -c %a "$tmp/new.txt")" 640 "-o: a new file is 0666 less the umask (027: 640)"
if [ "$(id -u)" -eq 0 ]; then
	chown 65534:65534 "$tmp/report.txt"
	$BCLINT $CORE -o "$tmp/report.txt" mixed.json 2>/dev/null
	is "$(stat -c %u:%g "$tmp/report.txt")" 65534:65534 "-o: an existing file keeps its owner and group"
else
	ok 0 "# SKIP not root: cannot give a file to another owner"
fi
mkdir "$tmp/d"
echo old >"$tmp/target.txt"
ln -s ../target.txt "$tmp/d/link.txt"
ln -s d/link.txt "$tmp/chain.txt"
run_bclint $CORE -o "$tmp/chain.txt" mixed.json
[ -L "$tmp/chain.txt" ] && [ -L "$tmp/d/link.txt" ]
ok $? "-o through two symbolic links: both links stay links"
is "$(cat "$tmp/target.txt")" "$W1
$E1
$N1" "-o through two symbolic links (one relative to its own directory): the report in their target"
is "$(ls "$tmp/d")" link.txt "-o through a link: no temporary file left beside the link"
ln -s made.txt "$tmp/dangling.txt"
$BCLINT $CORE -o "$tmp/dangling.txt" mixed.json 2>/dev/null
[ -L "$tmp/dangling.txt" ] && [ -f "$tmp/made.txt" ]
ok $? "-o through a dangling link: its target is created, the link stays"
ln -s loop2 "$tmp/loop1" && ln -s loop1 "$tmp/loop2"
run_bclint $CORE -o "$tmp/loop1" mixed.json
is "$status $err" "3 bclint: error: $tmp/loop1: cannot follow the link: Too many levels of symbolic links
1 error, 1 warning, 0 notes" "-o through a loop of links: the error, exit 3"
echo previous >"$tmp/keep.txt"
run_bclint $CORE -o "$tmp/keep.txt" missing.json
is "$status" 2 "-o with an unreadable snapshot: exit 2"
if [ -w /dev/full ]; then
	run_bclint $CORE -o /dev/full mixed.json
	is "$err" "bclint: error: /dev/full: cannot write the report: No space left on device
1 error, 1 warning, 0 notes" "-o /dev/full: the write error is reported"
	is "$status" 3 "-o /dev/full: exit 3"
else
	ok 0 "# SKIP no /dev/full"
	ok 0 "# SKIP no /dev/full"
fi

run_bclint $CORE missing.json
is "$err" "bclint: error: missing.json: cannot read snapshot: No such file or directory
0 errors, 0 warnings, 0 notes" "a missing snapshot"
is "$status" 2 "a missing snapshot: exit 2"
run_bclint $CORE .
is "$err" "bclint: error: .: cannot read snapshot: Is a directory
0 errors, 0 warnings, 0 notes" "a directory as snapshot"
run_bclint $CORE missing.json mixed.json
is "$out" "$W1
$E1
$N1" "an unreadable snapshot does not stop the others"
is "$status" 2 "an unreadable snapshot among others: exit 2"
run_bclint
is "$err" "bclint: error: no snapshot given
Try 'bclint --help' for more information." "no snapshot"
is "$status" 2 "no snapshot: exit 2"
run_bclint $CORE --frobnicate mixed.json
is "$status" 2 "unknown option: exit 2"
VERSION_TAIL="$(sed -n 3p "$top_srcdir/LICENSE").
License MIT: <https://opensource.org/licenses/MIT>.
This is free software: you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law."
HELP_TAIL="
Report bugs to: <https://github.com/bclint/bclint/issues>
bclint home page: <https://github.com/bclint/bclint>"
run_bclint --version
is "$out" "bclint 0.1.0 (plugin ABI 1)
$VERSION_TAIL" "--version: name, version, the copyright line of LICENSE and the licence"
run_bclint --help
is "$(printf '%s\n' "$out" | sed -n 1p)" "Usage: bclint [OPTION]... SNAPSHOT..." "--help"
is "$status" 0 "--help: exit 0"
is "$(printf '%s\n' "$out" | tail -n 3)" "$HELP_TAIL" "--help ends with where to report bugs"
# Every command takes --help and --version.
for c in import why diff; do
	run_bclint $c --version
	is "$out|$status" "bclint $c (bclint) 0.1.0
$VERSION_TAIL|0" "bclint $c --version"
	run_bclint $c --help
	is "$(printf '%s\n' "$out" | sed -n 1p | cut -d' ' -f1-3)|$(printf '%s\n' "$out" | tail -n 3)|$status" \
		"Usage: bclint $c|$HELP_TAIL|0" "bclint $c --help: its usage, where to report bugs"
done
run_bclint --check-fixtures --version
is "$out|$status" "bclint 0.1.0 (plugin ABI 1)
$VERSION_TAIL|0" "bclint --check-fixtures --version"
run_bclint --check-fixtures --help
is "$(printf '%s\n' "$out" | sed -n 1p)|$(printf '%s\n' "$out" | tail -n 3)|$status" \
	"Usage: bclint --check-fixtures DIR... [-- OPTION...]|$HELP_TAIL|0" "bclint --check-fixtures --help"
run_bclint --list-rules
is "$(printf '%s\n' "$out" | grep '^too-many-admins ')" \
	"too-many-admins           warning  too-many-admins        More active Admins than the policy allows" "--list-rules"
run_bclint --disable=too-many-admins --list-rules
is "$(printf '%s\n' "$out" | grep '^too-many-admins ' | awk '{print $2}')" "off" "--list-rules shows disabled rules as off"
run_bclint --explain too-many-admins
is "$(printf '%s\n' "$out" | sed -n '1,2p')" "too-many-admins: More active Admins than the policy allows
  level: warning; plugin: too-many-admins 1.0" "--explain: heading"
is "$(printf '%s\n' "$out" | sed -n '3,4p')" "  tags: admins security
  precision: very-high; security severity: 5.0" "--explain: tags, precision and security severity"
is "$(printf '%s\n' "$out" | grep -A1 '^Options')" "Options (--set, config file, or the snapshot's policy)
  max_admins (integer, default 3): the most active ADMIN members allowed" "--explain: options with defaults"
run_bclint --explain nope
is "$status" 2 "--explain: unknown rule is exit 2"
export BCLINT_REDACT_KEY="bclint test key, not a secret"
run_bclint $CORE --redact mixed.json
unset BCLINT_REDACT_KEY
is "$(printf '%s\n' "$out" | sed -n 1p)" "mixed.json:6:5: warning: user-afab5a41a47e has the Business Center role STANDARD but no asset assigned: assign the assets they work on (Business Center > Users > Assign assets) [no-asset-assigned]" "--redact hashes emails (under a key)"

done_testing
