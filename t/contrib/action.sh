#!/bin/sh
# The GitHub Action's steps (contrib/github/action.sh), run as action.yml
# runs them, with GitHub's environment made of temporary directories and
# the bclint under test on PATH instead of a build: the SARIF report is
# written (redacted unless asked otherwise), the log carries the workflow
# commands or the problem matcher's report, the exit status follows
# fail-on, and the outputs are set.
. "$top_srcdir/t/lib/tap.sh"
command -v bash >/dev/null 2>&1 || {
	echo "1..0 # SKIP bash is not installed"
	exit 0
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ws=$tmp/workspace
mkdir -p "$tmp/bin" "$tmp/runner" "$ws/snapshots" "$ws/nested/deeper"
bclint_on_path "$tmp/bin"
# The build step must not install anything when told to skip the build.
printf '#!/bin/sh\necho "$0 $*" >>"%s/called"\nexit 1\n' "$tmp" >"$tmp/bin/apt-get"
cp "$tmp/bin/apt-get" "$tmp/bin/sudo"
chmod +x "$tmp/bin/apt-get" "$tmp/bin/sudo"
cp "$top_srcdir/examples/demo.json" "$top_srcdir/examples/well-kept.json" "$ws/snapshots/"
cp "$top_srcdir/examples/well-kept.json" "$ws/nested/deeper/kept.json"
printf '{"rules": {"two-step-disabled": "off"}}\n' >"$ws/quiet.json"
action=$top_srcdir/contrib/github/action.sh

# step MODE [NAME=VALUE]...: run one step of the action; sets $out, $err,
# $status and $outputs (what it wrote to GITHUB_OUTPUT).
step() {
	mode=$1
	shift
	: >"$tmp/output"
	env GITHUB_WORKSPACE="$ws" RUNNER_TEMP="$tmp/runner" GITHUB_OUTPUT="$tmp/output" \
		GITHUB_PATH="$tmp/path" GITHUB_ACTION_PATH="$top_srcdir" GITHUB_WORKFLOW=ci \
		BCLINT_ACTION_SKIP_BUILD=1 "$@" \
		bash "$action" "$mode" >"$tmp/out" 2>"$tmp/err"
	status=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
	outputs=$(cat "$tmp/output")
}
# expect ARGS...: what bclint itself prints for ARGS, run in the workspace.
expect() {
	(cd "$ws" && $BCLINT "$@" 2>/dev/null)
}

# --- build, skipped: the bclint on PATH is used, nothing is installed.
step build
is "$status" 0 "build (skipped): exit 0"
is "$out" "bclint action: not building; using $tmp/bin/bclint ($(expect --version))" \
	"build (skipped): says which bclint it uses"
is "$outputs" "bclint=$tmp/bin/bclint" "build (skipped): output bclint"
[ ! -e "$tmp/called" ] && [ ! -e "$tmp/path" ]
ok $? "build (skipped): no apt-get, no sudo, nothing added to GITHUB_PATH"
step build PATH=/usr/bin:/bin
is "$status" 1 "build (skipped) without bclint on PATH: exit 1"
is "$out" "::error title=bclint::bclint action: BCLINT_ACTION_SKIP_BUILD=1, but there is no bclint on PATH" \
	"build (skipped) without bclint on PATH: an error annotation"

# --- lint, the defaults: github workflow commands, fail on errors.
sarif=$tmp/runner/bclint.sarif
step lint BCLINT_ACTION_PATHS='snapshots/*.json'
is "$status" 1 "lint: exit 1, the demo has errors"
is "$out" "$(expect -f github snapshots/demo.json snapshots/well-kept.json)" \
	"lint: the log is the github report of both snapshots"
is "$(printf '%s\n' "$out" | grep -c '^::error file=snapshots/demo.json,line=[0-9]*,col=[0-9]*,endLine=[0-9]*,endColumn=[0-9]*,title=[a-z-]*::')" 13 \
	"lint: one ::error annotation per error of the demo"
is "$(printf '%s\n' "$out" | grep -c '^::warning file=snapshots/demo.json,')" 16 \
	"lint: one ::warning annotation per warning"
is "$(printf '%s\n' "$out" | grep -c '^::notice file=snapshots/demo.json,')" 4 \
	"lint: one ::notice annotation per note"
is "$err" "13 errors, 16 warnings, 4 notes" "lint: the summary on standard error"
is "$outputs" "sarif-file=$sarif
exit-code=1" "lint: outputs sarif-file and exit-code"
is "$(jq -r '.version' "$sarif")" 2.1.0 "lint: the SARIF report was written"
is "$(jq '.runs[0].results | length' "$sarif")" 33 "lint: every finding is in the SARIF report"
is "$(jq -r '.runs[0].automationDetails.id' "$sarif")" "bclint/ci/" "lint: the SARIF run is named after the workflow"
is "$(jq -r '[.runs[0].results[].locations[0].physicalLocation.artifactLocation.uri] | unique | join(" ")' "$sarif")" \
	"snapshots/demo.json" "lint: SARIF paths are relative to the workspace"
grep -q '@acme\.example' "$sarif"
is $? 1 "lint: the SARIF report is redacted"

# --- fail-on decides the exit status; the SARIF report is written anyway.
step lint BCLINT_ACTION_PATHS='snapshots/demo.json' BCLINT_ACTION_FAIL_ON=none
is "$status" 0 "lint, fail-on none: exit 0 with findings"
is "$outputs" "sarif-file=$sarif
exit-code=0" "lint, fail-on none: outputs"
step lint BCLINT_ACTION_PATHS='snapshots/well-kept.json'
is "$status" 0 "lint, a well-kept snapshot: exit 0"
is "$out" "" "lint, a well-kept snapshot: no annotation"
is "$(jq '.runs[0].results | length' "$sarif")" 0 "lint, a well-kept snapshot: an empty SARIF report"
step lint BCLINT_ACTION_PATHS='snapshots/well-kept.json' BCLINT_ACTION_FAIL_ON=note
is "$status" 0 "lint, a well-kept snapshot, fail-on note: exit 0"
step lint BCLINT_ACTION_PATHS='snapshots/demo.json' BCLINT_ACTION_FAIL_ON=warning \
	BCLINT_ACTION_CONFIG=quiet.json
is "$status" 1 "lint, fail-on warning: exit 1"
is "$out" "$(expect -f github -c quiet.json snapshots/demo.json)" "lint, config: the config is read"
printf '%s\n' "$out" | grep -q 'title=two-step-disabled::'
is $? 1 "lint, config: a rule it switches off is not reported"
step lint BCLINT_ACTION_PATHS='snapshots/demo.json' BCLINT_ACTION_FAIL_ON=sometimes
is "$status" 2 "lint, fail-on sometimes: bclint's usage error, exit 2"

# --- format gcc: the problem matcher reads bclint's own report.
step lint BCLINT_ACTION_PATHS='snapshots/demo.json' BCLINT_ACTION_FORMAT=gcc
is "$status" 1 "lint, format gcc: exit 1"
is "$out" "::add-matcher::$top_srcdir/contrib/github/bclint-problem-matcher.json
$(expect --color=never snapshots/demo.json)
::remove-matcher owner=bclint::" "lint, format gcc: the report between add-matcher and remove-matcher"
[ -f "$(printf '%s\n' "$out" | sed -n '1s/^::add-matcher:://p')" ]
ok $? "lint, format gcc: the problem matcher named is there"

# --- paths: blanks and new lines, ** globs, unmatched patterns.
step lint BCLINT_ACTION_PATHS='snapshots/well-kept.json
  nested/**/*.json' BCLINT_ACTION_FORMAT=json
is "$status" 0 "lint, two patterns on two lines: exit 0"
is "$(printf '%s' "$out" | jq -c '.summary')" '{"error":0,"warning":0,"note":0}' \
	"lint, format json: the json report in the log"
step lint BCLINT_ACTION_PATHS='**/kept.json snapshots/d*.json' BCLINT_ACTION_FAIL_ON=none \
	BCLINT_ACTION_FORMAT=json
is "$(printf '%s' "$out" | jq -r '[.findings[].file] | unique | join(" ")')" "snapshots/demo.json" \
	"lint, ** and *: the globs were expanded"
step lint BCLINT_ACTION_PATHS='missing/*.json'
is "$status" 2 "lint, a pattern that matches nothing: exit 2"
is "$err" "$(cd "$ws" && $BCLINT -f github 'missing/*.json' 2>&1 >/dev/null)" \
	"lint, a pattern that matches nothing: bclint names it"
for paths in "BCLINT_ACTION_PATHS=  " "BCLINT_ACTION_FORMAT=github"; do
	step lint "$paths"
	is "$status:$out" "2:::error title=bclint::bclint action: no snapshot to lint: the paths input is empty" \
		"lint, ${paths%%=*} alone: no paths, an error annotation, exit 2"
done

# --- sarif-file and redact.
step lint BCLINT_ACTION_PATHS='snapshots/demo.json' BCLINT_ACTION_SARIF_FILE=reports/bclint.sarif \
	BCLINT_ACTION_REDACT=false
is "$outputs" "sarif-file=$ws/reports/bclint.sarif
exit-code=1" "lint, sarif-file: written where asked, relative to the workspace"
grep -q 'ana\.costa@acme\.example' "$ws/reports/bclint.sarif"
ok $? "lint, redact false: the SARIF report names people"

# --- action.yml runs these steps, with the inputs in the environment.
yml=$top_srcdir/action.yml
for input in paths format fail-on config sarif-file upload-sarif; do
	grep -q "^  $input:\$" "$yml"
	ok $? "action.yml: input $input"
done
grep -q 'run: bash "$GITHUB_ACTION_PATH/contrib/github/action.sh" build$' "$yml" &&
	grep -q 'run: bash "$GITHUB_ACTION_PATH/contrib/github/action.sh" lint$' "$yml"
ok $? "action.yml: its two shell steps are this script"
grep -q 'BCLINT_ACTION_FAIL_ON: ${{ inputs.fail-on }}' "$yml" &&
	! grep -q 'run:.*inputs\.' "$yml"
ok $? "action.yml: inputs reach the script in the environment, never in its text"
if command -v action-validator >/dev/null 2>&1; then
	action-validator "$yml" >"$tmp/validate" 2>&1
	ok $? "action.yml: action-validator accepts it"
	action-validator "$top_srcdir/contrib/github/bclint.yml" >"$tmp/validate" 2>&1
	ok $? "contrib/github/bclint.yml: action-validator accepts it"
else
	ok 0 "# SKIP action-validator is not installed"
	ok 0 "# SKIP action-validator is not installed"
fi

done_testing
