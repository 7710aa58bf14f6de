#!/bin/sh
# The roster of current staff: the not-on-roster rule (its fixtures, then
# on the demo), --roster and the configuration's "roster", and every error
# in a roster file, exactly.
. "$top_srcdir/t/lib/tap.sh"
# the rule's fixtures (t/rules/not-on-roster: a roster beside the snapshot)
fixtures=$(cd "$top_srcdir" && $BCLINT --check-fixtures t/rules/not-on-roster)
printf '%s\n' "$fixtures" | grep -v '^1\.\.'
tap_n=$(printf '%s\n' "$fixtures" | grep -c '^\(not \)\{0,1\}ok ')
tap_failed=$(printf '%s\n' "$fixtures" | grep -c '^not ok ')
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$top_srcdir/examples/demo.json" "$top_srcdir/examples/roster.csv" "$tmp/"
cd "$tmp" || exit 1
ONLY="--disable=all --enable=not-on-roster"

MAX='demo.json:24:5: error: max.braun@acme.example'"'"'s end date on the roster in roster.csv has passed (2026-10-31): remove them from the Business Center (Business Center > Users) [not-on-roster]'
BILLING='demo.json:33:5: warning: billing@fastpay-agency.example is not on the roster (roster.csv): remove them from the Business Center (Business Center > Users), or add them to the roster [not-on-roster]'
MIA='demo.json:36:5: warning: mia.koch@acme.example is not on the roster (roster.csv): remove them from the Business Center (Business Center > Users), or add them to the roster [not-on-roster]'

run_bclint $ONLY --no-config --roster roster.csv demo.json
is "$out" "$MAX
$BILLING
$MIA" "--roster roster.csv: two members not on it, one past the end date (case and patterns match)"
is "$status" 1 "--roster: exit status 1 (an Admin past the end date is an error)"
run_bclint $ONLY --no-config --roster roster.csv --now 2026-10-31T23:59:59Z demo.json
is "$out" "$BILLING
$MIA" "the end date is the last day in"
run_bclint $ONLY --no-config demo.json
is "$out" "" "no roster: nothing reported"

printf '{"roster": "roster.csv"}\n' >cfg.json
run_bclint $ONLY -c cfg.json demo.json
is "$out" "$MAX
$BILLING
$MIA" "the configuration's \"roster\""
mkdir sub
printf '[{"email": "^.*$"}]\n' >sub/all.json
printf '{"roster": "all.json"}\n' >sub/cfg.json
run_bclint $ONLY -c sub/cfg.json demo.json
is "$out" "" "a JSON roster, named relative to the configuration; a pattern for everyone"
run_bclint $ONLY -c cfg.json --roster sub/all.json demo.json
is "$out" "" "--roster beats the configuration"
printf '{"roster": 3}\n' >bad-cfg.json
run_bclint $ONLY -c bad-cfg.json demo.json
is "$err" "bad-cfg.json:1:12: error: 'roster' must be a path string, not a number" \
	"the configuration's roster: a wrong type"

# bad_roster NAME CONTENT EXPECTED: the exact error, exit status 2
bad_roster() {
	printf "$2" >"$1"
	run_bclint $ONLY --no-config --roster "$1" demo.json
	is "$err" "$3" "bad roster: $1"
	is "$status" 2 "bad roster: $1: exit status 2"
}
bad_roster column.csv 'email,name,team\na@acme.example,A,x\n' \
	"column.csv:1:12: error: unknown column 'team' (email, name, end_date, kind)"
bad_roster date.csv 'email,end_date\na@acme.example,2026-13-01\nb@acme.example,soon\n' \
	"date.csv:2:16: error: bad end date '2026-13-01' (YYYY-MM-DD, or an RFC 3339 timestamp)
date.csv:3:16: error: bad end date 'soon' (YYYY-MM-DD, or an RFC 3339 timestamp)"
bad_roster pattern.csv 'name,email\nAgency,^[a-z+@agency\\.example$\n' \
	"pattern.csv:2:31: error: bad pattern '^[a-z+@agency\\.example\$': missing terminating ] for character class"
bad_roster nul.csv 'email\na@acme.example\nb@acme\000.example\n' \
	"nul.csv:3:7: error: a NUL byte in the text"
bad_roster kind.csv 'email,kind\na@acme.example,intern\n' \
	"kind.csv:2:16: error: unknown kind 'intern' (employee, contractor or agency)"
bad_roster email.csv 'email\nnobody\n\n' \
	"email.csv:2:1: error: 'nobody' is neither an email nor a pattern (a pattern starts with '^')"
bad_roster twice.csv 'email\nA@acme.example\na@ACME.example\n' \
	"twice.csv:3:1: error: 'a@ACME.example' is on the roster twice (first on line 2)"
bad_roster noemail.csv 'name\nA\n' \
	"noemail.csv:1:1: error: no 'email' column (email, name, end_date, kind)"
bad_roster cells.csv 'email,name\na@acme.example,A,extra\n' \
	"cells.csv:2:18: error: 3 cells, more than the header's 2"
bad_roster key.json '[\n  {"email": "a@acme.example", "team": "x"}\n]\n' \
	"key.json:2:31: error: unknown key 'team' (email, name, end_date, kind)"
bad_roster jdate.json '[{"email": "a@acme.example", "end_date": "2026-02-30"}]\n' \
	"jdate.json:1:43: error: bad end date '2026-02-30' (YYYY-MM-DD, or an RFC 3339 timestamp)"
bad_roster jpattern.json '[{"email": "^(a"}]\n' \
	"jpattern.json:1:16: error: bad pattern '^(a': missing closing parenthesis"
bad_roster jnul.json '[{"email": "a@acme.example\\u0000@x"}]\n' \
	'jnul.json:1:27: error: \u0000 in a string: bclint refuses NUL characters, which would cut the text short'
bad_roster jtype.json '{"email": "a@acme.example"}\n' \
	"jtype.json:1:1: error: the roster must be an array of entries, not an object"
bad_roster jvalue.json '[{"email": 1}, "b@acme.example", {"name": "C"}]\n' \
	"jvalue.json:1:12: error: 'email' must be a string, not a number
jvalue.json:1:16: error: a roster entry must be an object, not a string
jvalue.json:1:34: error: an entry without an 'email'"
run_bclint $ONLY --no-config --roster missing.csv demo.json
is "$err" "bclint: error: missing.csv: cannot read roster: No such file or directory" \
	"a missing roster"
is "$status" 2 "a missing roster: exit status 2"

done_testing
