#!/bin/sh
# The CI formats: gitlab (Code Quality), junit, checkstyle and azure.
# Exact output on the demo and on hostile text and file names, every XML
# report valid against the format's schema (t/data/xsd/, checked with
# xmllint), GitLab's report read by node, Azure's commands read back as
# Azure's agent reads them, and exit statuses as in every format.
. "$top_srcdir/t/lib/tap.sh"
# Only the five core rules: the expectations below were written against them.
BCLINT="$BCLINT $NONCORE --now=2026-11-01"
data=$top_srcdir/t/data/formats
xsd=$top_srcdir/t/data/xsd
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$top_builddir/t/plugins/.libs/leaky.so" "$tmp/" && chmod 0644 "$tmp/leaky.so"
leaky="--plugin=$tmp/leaky.so"
formats='gitlab junit checkstyle azure'

# valid FORMAT FILE DESCRIPTION: xmllint --schema accepts FILE.
valid() {
	if ! command -v xmllint >/dev/null 2>&1; then
		ok 0 "# SKIP xmllint not installed (libxml2-utils)"
		return
	fi
	xmllint --noout --schema "$xsd/$1.xsd" "$2" >"$tmp/xmllint.out" 2>&1
	r=$?
	ok $r "$3"
	[ $r -eq 0 ] || diag "$(cat "$tmp/xmllint.out")"
}

# --- Exact output: the demo, and a snapshot whose names try to forge
# commands, markup and links (with a plugin that prints names as they are).
cd "$top_srcdir/examples" || exit 1
for f in $formats; do
	run_bclint -f "$f" demo.json
	is "$out" "$(cat "$data/demo.$f")" "$f: the demo, exactly"
	is "$status" 1 "$f: the demo has errors: exit 1"
	$BCLINT -f "$f" -o "$tmp/demo.$f" demo.json 2>/dev/null
done
cd "$data" || exit 1
for f in $formats; do
	run_bclint -f "$f" $leaky hostile.json
	is "$out" "$(cat "hostile.$f")" "$f: hostile text, exactly"
	$BCLINT -f "$f" $leaky -o "$tmp/hostile.$f" hostile.json 2>/dev/null
done

# Several snapshots, one clean, one invalid, one missing, a suppressed
# finding: a suite (or file) each, skipped and error test cases.
several="../cli/mixed.json ../cli/warn.json ../../../examples/well-kept.json ../snapshot/bad-utf8.json missing.json"
for f in junit checkstyle; do
	run_bclint -c suppress.json -f "$f" $several
	is "$out" "$(cat "several.$f")" "$f: several snapshots, clean, invalid, missing, suppressed"
	is "$status" 2 "$f: an invalid snapshot: exit 2"
	printf '%s\n' "$out" >"$tmp/several.$f"
done
run_bclint -f junit ../../../examples/well-kept.json
is "$out" '<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="bclint" tests="1" failures="0" errors="0" skipped="0">
  <testsuite name="../../../examples/well-kept.json" tests="1" failures="0" errors="0" skipped="0">
    <testcase classname="bclint" name="../../../examples/well-kept.json" file="../../../examples/well-kept.json"/>
  </testsuite>
</testsuites>' "junit: a clean snapshot is one passing test case"
is "$status" 0 "junit: clean: exit 0"
for f in $formats; do
	run_bclint -f "$f" ../../../examples/well-kept.json
	[ "$f" = gitlab ] && want='[]'
	[ "$f" = checkstyle ] && want='<?xml version="1.0" encoding="UTF-8"?>
<checkstyle version="4.3">
  <file name="../../../examples/well-kept.json"/>
</checkstyle>'
	[ "$f" = azure ] && want=''
	[ "$f" = junit ] && want=$out
	is "$out|$status" "$want|0" "$f: a clean snapshot, exit 0"
	run_bclint -f "$f" --fail-on=none ../cli/mixed.json
	is "$status" 0 "$f: --fail-on=none: exit 0"
	run_bclint -f "$f" --fail-on=warning ../cli/warn.json
	is "$status" 1 "$f: --fail-on=warning with a warning: exit 1"
done

run_bclint -f xml ../cli/mixed.json
is "$status|$err" "2|bclint: error: unknown format 'xml' (gcc, sarif, json, github, gitlab, junit, checkstyle or azure)
Try 'bclint --help' for more information." "an unknown format names every format"
run_bclint --help
is "$(printf '%s\n' "$out" | grep -A1 -- '--format=FORMAT')" \
	"  -f, --format=FORMAT        gcc (default), sarif, json, github, gitlab, junit,
                             checkstyle or azure" "--help lists every format"

# A hostile file name: newline, quotes, markup, Azure's separators.
mkdir "$tmp/names"
evil='a;b]c&<d>"e%AZP25
##vso[task.complete result=Failed].json'
cp ../cli/warn.json "$tmp/names/$evil"
cd "$tmp/names" || exit 1
for f in $formats; do
	run_bclint -f "$f" "$evil"
	is "$out" "$(cat "$data/name.$f")" "$f: a hostile file name, exactly"
	printf '%s\n' "$out" >"$tmp/name.$f"
done
# A name that is not UTF-8, with a control character: XML cannot hold
# either, so both are shown escaped, and the report stays well-formed.
bad=$(printf 'bad\377\033.json')
cp "$top_srcdir/t/data/cli/warn.json" "$bad"
for f in junit checkstyle; do
	run_bclint -f "$f" "$bad"
	is "$status|$(printf '%s\n' "$out" | grep -c 'name="bad\\xff\\x1b\.json"')" "0|1" \
		"$f: a file name that is not UTF-8 is shown escaped"
	printf '%s\n' "$out" >"$tmp/bytes.$f"
done
cd "$data" || exit 1

# --- The consumers' schemas.
for f in junit checkstyle; do
	for c in demo hostile several name bytes; do
		valid "$f" "$tmp/$c.$f" "$f: $c: valid against $f.xsd"
	done
done
# The check has teeth: the schemas refuse what the consumers would.
sed 's/<testsuite name="hostile.json"/<testsuite/' "$tmp/hostile.junit" >"$tmp/bad.junit"
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout --schema "$xsd/junit.xsd" "$tmp/bad.junit" >/dev/null 2>&1
	is "$?" 3 "junit.xsd refuses a testsuite without a name"
	sed 's/severity="warning"/severity="minor"/' "$tmp/hostile.checkstyle" >"$tmp/bad.checkstyle"
	xmllint --noout --schema "$xsd/checkstyle.xsd" "$tmp/bad.checkstyle" >/dev/null 2>&1
	is "$?" 3 "checkstyle.xsd refuses an unknown severity"
	printf '<checkstyle><file name="x"><error line="1" severity="info" message="\033"/></file></checkstyle>\n' \
		>"$tmp/bad.xml"
	xmllint --noout "$tmp/bad.xml" >/dev/null 2>&1
	is "$?" 1 "xmllint refuses a raw escape character (which bclint never writes)"
else
	for i in 1 2 3; do ok 0 "# SKIP xmllint not installed (libxml2-utils)"; done
fi
# The exact text, read back through the XML parser: control characters
# XML cannot hold shown escaped, the rest kept.
if command -v xmllint >/dev/null 2>&1; then
	is "$(xmllint --xpath 'string(//testcase[@classname="test-leaky"][2]/failure/@message)' "$tmp/hostile.junit")" \
		"$(printf 'raw Mal"lory <b>&amp; [link](https://evil.example) ]]> \\x1b[2K\\x07\\ufffe\302\205 <mal@x.example>')" \
		"junit: the parsed message is the text, with what XML cannot hold escaped"
	is "$(xmllint --xpath 'string(//error[@source="no-asset-assigned"]/@message)' "$tmp/hostile.checkstyle")" \
		"$(printf 'eve@x.example]##vso[task.complete result=Failed;]%%AZP25%%0A\r\n##vso[task.setvariable variable=x]y has the Business Center role STANDARD but no asset assigned: assign the assets they work on (Business Center > Users > Assign assets)')" \
		"checkstyle: CR and LF survive attribute normalisation"
else
	for i in 1 2; do ok 0 "# SKIP xmllint not installed (libxml2-utils)"; done
fi

# GitLab: an array of issues with the fields the widget reads, read by node.
gitlab_check='
const fs = require("fs");
let bad = [];
for (const file of process.argv.slice(1)) {
	const issues = JSON.parse(fs.readFileSync(file, "utf8"));
	if (!Array.isArray(issues)) bad.push(file + ": not an array");
	const seen = new Set();
	for (const i of issues) {
		for (const k of ["description", "check_name", "fingerprint", "severity"])
			if (typeof i[k] !== "string" || i[k] === "") bad.push(file + ": " + k);
		if (!["info", "minor", "major", "critical", "blocker"].includes(i.severity))
			bad.push(file + ": severity " + i.severity);
		if (typeof i.location.path !== "string" || i.location.path.startsWith("./"))
			bad.push(file + ": location.path");
		if (!Number.isInteger(i.location.lines.begin) || i.location.lines.begin < 1)
			bad.push(file + ": location.lines.begin");
		if (seen.has(i.fingerprint)) bad.push(file + ": fingerprint repeated");
		seen.add(i.fingerprint);
	}
}
console.log(bad.join("\n"));
'
if command -v node >/dev/null 2>&1; then
	is "$(node -e "$gitlab_check" "$tmp/demo.gitlab" "$tmp/hostile.gitlab" "$tmp/name.gitlab")" "" \
		"gitlab: node reads every report; every issue has the fields GitLab requires"
else
	ok 0 "# SKIP node not installed"
fi
run_bclint -f gitlab ./../cli/./mixed.json
is "$(printf '%s' "$out" | jq -r '[.[].location.path] | unique | .[]')" "../cli/mixed.json" \
	"gitlab: paths normalised, without './'"
run_bclint -f json ../cli/mixed.json
json_fps=$(printf '%s' "$out" | jq -r '.findings[].fingerprint')
run_bclint -f gitlab ../cli/mixed.json
is "$(printf '%s' "$out" | jq -r '.[].fingerprint')" "$json_fps" "gitlab: fingerprints are bclint's own"

# Azure: each line read back as Azure's agent reads a logging command
# (properties up to the first ']', split at ';', then unescaped): one
# command per finding with exactly its properties, and the message whole.
azure_read='
import sys
def unescape(s):
    for a, b in (("%3B", ";"), ("%0D", "\r"), ("%0A", "\n"), ("%5D", "]"), ("%AZP25", "%")):
        s = s.replace(a, b)
    return s
for line in sys.stdin.read().split("\n"):
    if line == "":
        continue
    assert line.startswith("##vso[task.logissue "), line
    head, msg = line[len("##vso[task.logissue "):].split("]", 1)
    props = dict(p.split("=", 1) for p in head.split(";"))
    print(sorted(props) == ["code", "columnnumber", "linenumber", "sourcepath", "type"],
          props["type"], repr(unescape(props["sourcepath"])), props["code"], repr(unescape(msg)))
'
is "$(python3 -c "$azure_read" <"$tmp/hostile.azure")" "$(cat azure.read)" \
	"azure: read back as Azure reads it, each message is the text, forging nothing"
is "$(python3 -c "$azure_read" <"$tmp/name.azure" | cut -d' ' -f1-5)" \
	"True warning 'a;b]c&<d>\"e%AZP25\\n##vso[task.complete result=Failed].json' no-asset-assigned" \
	"azure: a hostile file name is one property"

done_testing
