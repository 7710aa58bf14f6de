#!/bin/sh
# Hostile inputs that are generated at test time (too big to commit, or
# depending on file modes): an unreadable file, a 10 MB string, 100,000
# findings in one file, and control characters and "::" in file names and
# snapshot text, which no output format may turn into a line of its own.
# The fixed cases are in t/data/hostile/ (t/src/hostile.sh).
. "$top_srcdir/t/lib/tap.sh"
# Only the five core rules: the expectations below were written against them.
BCLINT="$BCLINT $NONCORE"
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp"; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
head='{"schema": "bclint-snapshot/1", "bc": {"bc_id": "1"}, "assets": [], "members": ['
m1='{"user_id": "1", "user_email": "a@x.example", "user_role": "STANDARD"}'
NOTE='has the Business Center role STANDARD but no asset assigned: assign the assets they work on (Business Center > Users > Assign assets) [no-asset-assigned]'

# An unreadable file.  root reads it anyway: nothing to test then.
printf '%s%s]}\n' "$head" "$m1" >locked.json
chmod 000 locked.json
if cat locked.json >/dev/null 2>&1; then
	echo "ok 1 # SKIP running as root: a mode-000 file is still readable"
	echo "ok 2 # SKIP running as root"
	tap_n=2
else
	run_bclint locked.json
	is "$err" "bclint: error: locked.json: cannot read snapshot: Permission denied
0 errors, 0 warnings, 0 notes" "unreadable file: message"
	is "$status" 2 "unreadable file: exit 2"
fi

# A 10 MB email address: one finding whose message holds all of it.
big=$(awk 'BEGIN { s = "x"; while (length(s) < 10485760) s = s s; print substr(s, 1, 10485760) }')
printf '%s{"user_id": "1", "user_email": "%s@x.example", "user_role": "STANDARD"}]}\n' \
	"$head" "$big" >big.json
printf 'big.json:1:81: warning: %s@x.example %s\n' "$big" "$NOTE" >big.want
unset big
$BCLINT big.json >big.out 2>big.err
is "$?" 0 "10 MB string: exit 0 (a warning)"
cmp -s big.out big.want
ok $? "10 MB string: the whole string in the finding"
is "$(cat big.err)" "0 errors, 1 warning, 0 notes" "10 MB string: summary"

# 100,000 findings in one file.
awk -v head="$head" 'BEGIN {
	print head
	for (i = 1; i <= 100000; i++)
		printf "{\"user_id\": \"%d\", \"user_email\": \"u%d@x.example\", \"user_role\": \"STANDARD\"}%s\n", i, i, i < 100000 ? "," : ""
	print "]}"
}' >many.json
$BCLINT --disable=member-limit many.json >many.out 2>many.err
status=$?
is "$status" 0 "100,000 findings: finishes with exit 0"
is "$(wc -l <many.out | tr -d ' ')" 100000 "100,000 findings: one line each"
is "$(cat many.err)" "0 errors, 100000 warnings, 0 notes" "100,000 findings: summary"
is "$(sed -n '100000p' many.out)" "many.json:100001:1: warning: u100000@x.example $NOTE" "100,000 findings: the last one"
# A report this size is streamed, not held whole: the same bytes through a
# pipe and into a file (-o), and a write that fails on the way is reported
# once, with exit 3, and leaves no partial file.
$BCLINT --disable=member-limit many.json 2>/dev/null | cmp -s - many.out
ok $? "100,000 findings: the streamed report through a pipe is the same"
$BCLINT --disable=member-limit -o many.o many.json 2>/dev/null
cmp -s many.o many.out
ok $? "100,000 findings: -o FILE gets the same report"
if [ -w /dev/full ]; then
	$BCLINT --disable=member-limit many.json >/dev/full 2>full.err
	is "$?:$(cat full.err)" "3:bclint: error: cannot write the report: No space left on device
0 errors, 100000 warnings, 0 notes" "100,000 findings to a full disk: one message, exit 3"
else
	ok 0 "# SKIP no /dev/full"
fi

# Newlines, ANSI escapes and "::" in the file name and in the snapshot: in
# gcc output every line is FILE:LINE:COL: with FILE escaped; JSON and SARIF
# stay valid JSON; GitHub gets one workflow command per finding.
name=$(printf 'a\nb\033[31m::c.json')
cp "$top_srcdir/t/data/hostile/names.json" "$name"
safe='a\nb\x1b[31m::c.json'
run_bclint "$name"
is "$status" 0 "hostile names: exit 0 (warnings)"
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 3 "gcc: three findings, three lines"
forged=$(printf '%s\n' "$out" | grep -v -c "^$(printf '%s' "$safe" | sed 's/[][\\.]/\\&/g'):[0-9]*:[0-9]*: warning: ")
is "$forged" 0 "gcc: every line starts with the escaped FILE:LINE:COL:"
case $out in *"$(printf '\033')"*) r=1 ;; *) r=0 ;; esac
ok $r "gcc: no raw escape character"
for fmt in json sarif; do
	run_bclint -f "$fmt" "$name"
	if [ -n "$JQ" ] || command -v jq >/dev/null 2>&1; then
		n=$(printf '%s\n' "$out" | jq "$([ $fmt = json ] && echo '.findings' || echo '.runs[0].results') | length")
		is "$n" 3 "$fmt: valid JSON with three findings"
		msg=$(printf '%s\n' "$out" | jq -r "$([ $fmt = json ] && echo '.findings[0].message' || echo '.runs[0].results[0].message.text')")
		case $msg in "evil"*"::error file=x.json,line=1::forged"*) r=0 ;; *) r=1 ;; esac
		ok $r "$fmt: the message keeps its text (escaped in JSON, intact after parsing)"
	else
		echo "ok $((tap_n + 1)) # SKIP jq not installed"
		echo "ok $((tap_n + 2)) # SKIP jq not installed"
		tap_n=$((tap_n + 2))
	fi
	case $out in *"$(printf '\033')"*) r=1 ;; *) r=0 ;; esac
	ok $r "$fmt: no raw escape character"
done
run_bclint -f github "$name"
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 3 "github: three findings, three lines"
is "$(printf '%s\n' "$out" | grep -c '^::warning file=a%0Ab\\x1b\[31m%3A%3Ac\.json,line=[0-9]*,')" 3 \
	"github: every line is one command, with the file name escaped"
done_testing
