#!/bin/sh
# The real consumers of the gcc format read it right: Vim's quickfix list
# (default 'errorformat', :compiler gcc and the shipped :compiler bclint),
# VS Code's $gcc regex and the shipped GitHub problem matcher.  Each
# finding is one entry at its file, line and column; notes are never read
# as errors or warnings, even from a hostile snapshot.
. "$top_srcdir/t/lib/tap.sh"
# Only the five core rules: the expectations below were written against them.
BCLINT="$BCLINT $NONCORE"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$top_builddir/t/plugins/.libs/leaky.so" "$tmp/" && chmod 0644 "$tmp/leaky.so"
mkdir "$tmp/w" && cd "$tmp/w" || exit 1
cp "$top_srcdir/examples/demo.json" "$top_srcdir/t/data/cli/mixed.json" \
	"$top_srcdir/t/data/hostile/hostile.json" .
set -- --plugin="$tmp/leaky.so" demo.json mixed.json hostile.json
$BCLINT --color=never "$@" >"$tmp/out.txt" 2>"$tmp/err.txt"
$BCLINT -f json "$@" >"$tmp/out.json" 2>/dev/null
contrib="$top_srcdir/contrib"

# What a reader must find: findings as file/line/column/type, notes apart.
jq -c '[.findings[] | {file, line, col: .column, type: (.level[0:1])}]' "$tmp/out.json" >"$tmp/findings"
jq -c '[.findings[] | .notes[] | {file, line, col: .column}]' "$tmp/out.json" >"$tmp/notes"
is "$(jq length "$tmp/findings")" 37 "the input: 37 findings"
is "$(jq length "$tmp/notes")" 33 "the input: 33 notes"
is "$(grep -c . "$tmp/out.txt")" 70 "the input: one line per finding and per note"

# --- Vim: :cgetfile with each errorformat, the quickfix list as JSON.
qf() { # qf NAME EX-COMMAND: the quickfix list Vim builds from out.txt
	vim -u NONE -i NONE -N -es \
		-c "set rtp^=$contrib/vim" -c "$2" -c "cgetfile $tmp/out.txt" \
		-c "call writefile([json_encode(map(getqflist(), {_, e -> {'file': bufname(e.bufnr), 'line': e.lnum, 'col': e.col, 'type': e.type, 'valid': e.valid}}))], '$tmp/qf.$1')" \
		-c 'qa!' </dev/null >/dev/null 2>&1
	[ -s "$tmp/qf.$1" ]
}
if command -v vim >/dev/null && vim -u NONE -es -c 'if has("lambda") | qa! | else | cq | endif' </dev/null >/dev/null 2>&1; then
	for c in "bclint:compiler bclint" "gcc:compiler gcc" "default:set errorformat=%f:%l:%c:%m"; do
		name=${c%%:*} cmd=${c#*:}
		qf "$name" "$cmd"
		ok $? "vim ($cmd): the quickfix list was written"
		f=$tmp/qf.$name
		is "$(jq -c '[.[] | select(.valid == 0)] | length' "$f")" 0 "vim ($cmd): every entry valid"
		is "$(jq length "$f")" 70 "vim ($cmd): one entry per finding and per note"
	done
	is "$(jq -c '[.[] | select(.type == "e" or .type == "w") | {file, line, col, type}]' "$tmp/qf.bclint")" \
		"$(cat "$tmp/findings")" "vim (:compiler bclint): the errors and warnings are exactly the findings"
	is "$(jq -c '[.[] | select(.type == "n") | {file, line, col}]' "$tmp/qf.bclint")" \
		"$(cat "$tmp/notes")" "vim (:compiler bclint): notes are entries of type n at their locations"
	is "$(jq -c '[.[] | select(.type == "e" or .type == "w") | {file, line, col, type}]' "$tmp/qf.gcc")" \
		"$(cat "$tmp/findings")" "vim (:compiler gcc): the errors and warnings are exactly the findings"
	is "$(jq -c '[.[] | select(.type == "") | {file, line, col}]' "$tmp/qf.gcc")" \
		"$(cat "$tmp/notes")" "vim (:compiler gcc): notes carry no error type"
	is "$(jq -c '[.[] | {file, line, col}] | sort' "$tmp/qf.default")" \
		"$(jq -sc '[.[0][] | {file, line, col}] + .[1] | sort' "$tmp/findings" "$tmp/notes")" \
		"vim (default errorformat): every finding and note at its file, line and column"
	is "$(jq -c '[.[] | select(.type != "")] | length' "$tmp/qf.default")" 0 \
		"vim (default errorformat): nothing typed as an error"
	printf 'bclint: error: gone.json: cannot read snapshot: No such file or directory\n3 errors, 0 warnings, 0 notes\n' >"$tmp/extra.txt"
	cat "$tmp/out.txt" >>"$tmp/extra.txt"
	vim -u NONE -i NONE -N -es -c "set rtp^=$contrib/vim" -c 'compiler bclint' \
		-c "cgetfile $tmp/extra.txt" \
		-c "call writefile([string(len(getqflist())), string(len(filter(getqflist(), 'v:val.bufnr > 0')))], '$tmp/qf.extra')" \
		-c 'qa!' </dev/null >/dev/null 2>&1
	is "$(tr '\n' ' ' <"$tmp/qf.extra")" "71 70 " \
		"vim (:compiler bclint): bclint's own errors kept as text without a file, the summary dropped"
else
	for i in $(seq 16); do ok 0 "# SKIP no vim with lambdas"; done
fi

# --- Regexes: VS Code's $gcc and the shipped GitHub problem matcher.
if command -v python3 >/dev/null; then
	python3 - "$tmp/out.txt" "$tmp/out.json" "$contrib/github/bclint-problem-matcher.json" \
		>"$tmp/regex.txt" 2>&1 <<'PY'
import json, re, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
report = json.load(open(sys.argv[2], encoding="utf-8"))
matcher = json.load(open(sys.argv[3], encoding="utf-8"))["problemMatcher"][0]["pattern"][0]
want = [(f["file"], f["line"], f["column"], f["level"]) for f in report["findings"]
        if f["level"] in ("error", "warning")]
gcc = re.compile(r"^(.*?):(\d+):(\d*):?\s+(?:fatal\s+)?(warning|error):\s+(.*)$")
pm = re.compile(matcher["regexp"])
def read(rx, groups):
    got = []
    for line in lines:
        m = rx.match(line)
        if m:
            got.append((m.group(groups[0]), int(m.group(groups[1])), int(m.group(groups[2])),
                        m.group(groups[3])))
    return got
print("gcc", read(gcc, (1, 2, 3, 4)) == want)
print("matcher", read(pm, (matcher["file"], matcher["line"], matcher["column"],
                          matcher["severity"])) == want)
codes = [pm.match(l).group(matcher["code"]) for l in lines if pm.match(l)]
print("codes", codes == [f["rule"] for f in report["findings"] if f["level"] != "note"])
PY
	is "$(cat "$tmp/regex.txt")" "gcc True
matcher True
codes True" "VS Code \$gcc and the problem matcher: every finding, no note, right file/line/column/severity/code"
else
	ok 0 "# SKIP no python3"
fi
is "$(jq -r '.tasks[0].problemMatcher.base' "$contrib/vscode/tasks.json")" '$gcc' \
	"the VS Code task uses \$gcc"
is "$(jq -r '.problemMatcher[0].owner' "$contrib/github/bclint-problem-matcher.json")" bclint \
	"the problem matcher is valid JSON with an owner"
grep -q 'uses: bclint/bclint@' "$contrib/github/bclint.yml" && \
	grep -q 'github/codeql-action/upload-sarif@' "$top_srcdir/action.yml" && \
	grep -q -- '--format=sarif' "$contrib/github/action.sh"
ok $? "the workflow example uses the action, which writes SARIF and uploads it"

done_testing
