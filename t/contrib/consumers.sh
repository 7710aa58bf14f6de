#!/bin/sh
# No name can forge a diagnostic: the hostile corpus (t/contrib/
# hostile-corpus.py: every pattern a reader of bclint's text output acts
# on, in emails, names, asset, group and partner names, the echoed
# allowlist and the file names) linted, and the reports read by the real
# consumers: Vim and Neovim (quickfix list: :compiler bclint, :compiler
# gcc, the default 'errorformat'), Emacs (compilation-mode with all its
# default patterns, and contrib/emacs/bclint.el), VS Code's $gcc and the
# shipped GitHub problem matcher under JavaScript's rules and GitHub's
# workflow commands (node), Jenkins Warnings NG's GCC and clang-tidy
# parsers (java).  Each must read exactly one entry per finding, at its own
# file, line, column and type, nothing from a note but the note itself
# where the reader keeps notes, and no change of directory.  A consumer
# that is not installed is skipped, each with its own reason.
. "$top_srcdir/t/lib/tap.sh"
skip_all() { echo "1..0 # SKIP $1"; exit 0; }
skip() { # skip N REASON
	for _i in $(seq "$1"); do
		tap_n=$((tap_n + 1))
		echo "ok $tap_n # SKIP $2"
	done
}
command -v python3 >/dev/null || skip_all "no python3 (generates the corpus)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
contrib="$top_srcdir/contrib"
here="$top_srcdir/t/contrib"
cp "$top_builddir/t/plugins/.libs/leaky.so" "$tmp/" && chmod 0644 "$tmp/leaky.so"
mkdir "$tmp/c" && cd "$tmp/c" || exit 1

# Lint each case (the snapshot with its previous one, for allowlist-changed)
# in the gcc, json and github formats; the reports are read as one.
python3 "$here/hostile-corpus.py" . >"$tmp/cases"
n=0
tab=$(printf '\t')
while read -r id; do
	n=$((n + 1))
	set -- "$id"*.json
	now=$1
	set -- *"$id.old.json"
	set -- --color=never --plugin="$tmp/leaky.so" --previous="$1" "$now"
	$BCLINT "$@" >"$tmp/run.$n.txt" 2>/dev/null
	$BCLINT -f json "$@" >"$tmp/run.$n.json" 2>/dev/null
	$BCLINT -f github "$@" >>"$tmp/out.github" 2>/dev/null
	cat "$tmp/run.$n.txt" >>"$tmp/out.txt"
done <"$tmp/cases"
is "$n" 51 "the corpus: 51 cases"

# What every reader must find, from the json reports: per line of the gcc
# report, its file as the line starts with it, line, column and level
# (error, warning, note), the rule, the file as GitHub must get it, and
# whether the line is a finding or a finding's note.
python3 - "$tmp" "$n" >"$tmp/want" <<'PY'
import json, sys
tmp, n = sys.argv[1], int(sys.argv[2])
def github_file(path):
    # the character layer of bclint_textsafe, as documented in SECURITY.md
    hidden = [(0x80, 0xa0), (0xad, 0xad), (0x61c, 0x61c), (0x1680, 0x1680), (0x180e, 0x180e),
              (0x2000, 0x200f), (0x2028, 0x202f), (0x205f, 0x206f), (0x3000, 0x3000),
              (0xfeff, 0xfeff), (0xfff9, 0xfffb), (0xe0000, 0xe007f)]
    out = ""
    for ch in path:
        c = ord(ch)
        if ch in "\r\n":
            out += "%0D" if ch == "\r" else "%0A" # GitHub's own, compared encoded
        elif c < 0x20 or c == 0x7f:
            out += {"\t": "\\t"}.get(ch, "\\x%02x" % c)
        elif any(a <= c <= b for a, b in hidden):
            out += ("\\U%08x" if c > 0xffff else "\\u%04x") % c
        else:
            out += ch
    return out
for k in range(1, n + 1):
    lines = open("%s/run.%d.txt" % (tmp, k), encoding="utf-8").read().split("\n")[:-1]
    report = json.load(open("%s/run.%d.json" % (tmp, k), encoding="utf-8"))
    entries = []
    for f in report["findings"]:
        entries.append((f, f["level"], f["rule"], "finding"))
        entries.extend((note, "note", "", "note") for note in f["notes"])
    assert len(entries) == len(lines), (k, len(entries), len(lines))
    for (e, kind, rule, what), line in zip(entries, lines):
        tail = ":%d:%d: %s: " % (e["line"], e["column"], kind)
        at = line.index(tail)
        print("\t".join([line[:at], str(e["line"]), str(e["column"]), kind, rule,
                         github_file(e["file"]), what]))
PY
is "$?" 0 "the corpus: one line of the gcc report per finding and per note"
is "$(wc -l <"$tmp/want" | tr -d ' ')" "$(wc -l <"$tmp/out.txt" | tr -d ' ')" \
	"the corpus: every line accounted for"
is "$(grep -c "${tab}finding\$" "$tmp/want")" 408 "the corpus: 408 findings"
is "$(grep -c "${tab}note\$" "$tmp/want")" 306 "the corpus: 306 notes"

# want FIELDS TYPE-OF-ERROR TYPE-OF-WARNING TYPE-OF-NOTE [KINDS]: the
# expected entries, FILE LINE COL TYPE (and the rule with FIELDS=rule),
# of the lines whose kind is in KINDS (default: all).
want() {
	awk -F '\t' -v OFS='\t' -v f="$1" -v e="$2" -v w="$3" -v nt="$4" -v kinds="${5:-error warning note}" '
		index(" " kinds " ", " " $4 " ") {
			t = $4 == "error" ? e : $4 == "warning" ? w : nt
			if (f == "rule") print $1, $2, $3, t, $5; else print $1, $2, $3, t
		}' "$tmp/want"
}

# --- Vim and Neovim: the quickfix list with each errorformat.
quickfix() { # quickfix EDITOR EFM: FILE LINE COL TYPE VALID per entry
	rm -f "$tmp/qf"
	if [ "$1" = nvim ]; then
		nvim --headless -u NONE -i NONE -n \
			-c "let g:report = '$tmp/out.txt' | let g:result = '$tmp/qf' | let g:efm = '$2' | let g:rtp = '$contrib/vim'" \
			-S "$here/consumers.vim" </dev/null >/dev/null 2>&1
	else
		vim -u NONE -i NONE -N -es \
			-c "let g:report = '$tmp/out.txt' | let g:result = '$tmp/qf' | let g:efm = '$2' | let g:rtp = '$contrib/vim'" \
			-S "$here/consumers.vim" </dev/null >/dev/null 2>&1
	fi
	cat "$tmp/qf" 2>/dev/null
}
for editor in vim nvim; do
	if ! command -v $editor >/dev/null; then
		skip 3 "$editor not installed"
		continue
	fi
	is "$(quickfix $editor bclint)" "$(want '' e w n | sed 's/$/\t1/')" \
		"$editor (:compiler bclint): each finding once, at its file, line, column and type; notes as type n"
	is "$(quickfix $editor gcc)" "$(want '' e w '' | sed 's/$/\t1/')" \
		"$editor (:compiler gcc): each finding once as an error or warning; notes untyped"
	is "$(quickfix $editor default)" "$(want '' '' '' '' | sed 's/$/\t1/')" \
		"$editor (default errorformat): every line one valid entry at its own place, none typed"
done

# --- Emacs: compilation-mode, with every default pattern, then bclint.el.
if command -v emacs >/dev/null; then
	emacs --batch -Q -l "$here/consumers.el" "$tmp/out.txt" "$tmp/emacs" >/dev/null 2>&1
	is "$(cat "$tmp/emacs")" "$(want '' 2 1 0)" \
		"emacs compilation-mode (default patterns): each finding once as an error or warning, each note once as info, no directory change"
	emacs --batch -Q -l "$here/consumers.el" "$tmp/out.txt" "$tmp/emacs.bclint" \
		"$contrib/emacs/bclint.el" >/dev/null 2>&1
	is "$(cat "$tmp/emacs.bclint")" "$(want '' 2 1 0)" \
		"emacs bclint-compilation-mode: each finding once as an error or warning, each note once as info"
	emacs --batch -Q -l "$here/consumers.el" "$tmp/out.txt" "$tmp/emacs.restrict" \
		"$contrib/emacs/bclint.el" restrict >/dev/null 2>&1
	is "$(cat "$tmp/emacs.restrict")" "$(want '' 2 1 0)" \
		"emacs compilation-mode after bclint-compilation-restrict: the same"
	emacs --batch -Q -l "$here/consumers.el" "$tmp/out.txt" "$tmp/emacs.command" \
		"$contrib/emacs/bclint.el" command >/dev/null 2>&1
	is "$(cat "$tmp/emacs.command")" "$(want '' 2 1 0)" \
		"emacs M-x bclint: the command's output read the same"
	printf 'bclint: error: gone.json: cannot read snapshot: No such file or directory\nmake: Entering directory '\''/tmp'\''\nx.c:1:2: error: from another tool\n1 error, 0 warnings, 0 notes\n' >"$tmp/other.txt"
	cat "$tmp/out.txt" >>"$tmp/other.txt"
	emacs --batch -Q -l "$here/consumers.el" "$tmp/other.txt" "$tmp/emacs.other" \
		"$contrib/emacs/bclint.el" >/dev/null 2>&1
	is "$(cat "$tmp/emacs.other")" "$(printf 'x.c\t1\t2\t2\n'; want '' 2 1 0)" \
		"emacs bclint-compilation-mode: bclint's own messages, the summary and make's directory lines are no entries"
else
	skip 5 "emacs not installed"
fi

# --- node: VS Code's $gcc, the shipped problem matcher, GitHub's runner.
if command -v node >/dev/null; then
	node "$here/consumers.js" "$tmp/out.txt" "$tmp/out.github" \
		"$contrib/github/bclint-problem-matcher.json" "$tmp"
	is "$(cat "$tmp/got.vscode")" "$(want '' error warning '' 'error warning')" \
		"VS Code \$gcc (JavaScript): each finding once, at its file, line, column and severity; no note"
	is "$(cat "$tmp/got.matcher")" "$(want rule error warning '' 'error warning')" \
		"GitHub problem matcher (JavaScript): each finding once with its rule as code; no note"
	is "$(cat "$tmp/got.commands")" "" "GitHub runner: no line of the gcc report is a workflow command"
	is "$(cat "$tmp/got.github")" "$(awk -F '\t' -v OFS='\t' '$7 == "finding" {
			print $4 == "note" ? "notice" : $4, $6, $2, $3, $5 }' "$tmp/want")" \
		"github format: one workflow command per finding, at its own file, line and column"
else
	skip 4 "node not installed"
fi

# --- java: Jenkins Warnings NG's GCC and clang-tidy parsers.
if command -v java >/dev/null && java -version 2>&1 | grep -q 'version "\(1[1-9]\|[2-9][0-9]\)'; then
	java "$here/Consumers.java" "$tmp/out.txt" "$tmp"
	is "$(cat "$tmp/got.gcc4")" "$(want '' error warning '' 'error warning')" \
		"Jenkins GCC parser (Java): each finding once, at its file, line, column and severity; no note, no directory"
	is "$(cat "$tmp/got.clangtidy")" "$(want rule error warning '' 'error warning')" \
		"Jenkins clang-tidy parser (Java): each finding once with its rule as category; no note"
else
	skip 2 "no java 11 or later"
fi
done_testing
