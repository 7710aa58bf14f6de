#!/bin/sh
# The escaping of each pattern class, as whole diagnostic lines (the
# classes are those of src/textsafe.h; t/contrib/consumers.sh shows the
# consumers reading them).  t/data/escape/classes.json has one member per
# class of text: its email in a finding and at the end of a note, in the
# gcc format (classes.gcc) and the github format (classes.github); file
# names of each class follow, in both formats.
. "$top_srcdir/t/lib/tap.sh"
LC_ALL=C
export LC_ALL # the order of the file names below
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$top_builddir/t/plugins/.libs/leaky.so" "$tmp/" && chmod 0644 "$tmp/leaky.so"
data="$top_srcdir/t/data/escape"

cd "$data" || exit 1
set -- --disable=all --plugin="$tmp/leaky.so" --enable=test-leaky classes.json
run_bclint "$@"
is "$out" "$(cat classes.gcc)" "gcc: each class of text escaped, in findings and notes"
is "$status:$err" "0:0 errors, 14 warnings, 0 notes" "gcc: 14 findings, exit 0"
run_bclint -f github "$@"
is "$out" "$(cat classes.github)" "github: escaped as in gcc, then GitHub's %-encoding"
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 14 "github: one command per finding"

# File names: one snapshot under a name of each class.
cd "$tmp" || exit 1
for name in '::error title=FORGED::x.json' ' lead.json' '##[error]h.json' 'a]b [c] d.json' \
	'make: f.json' 'Error x 5 y.json' 'f.json:1:2: error: g.json' 'In file included from h.json' \
	"$(printf 'nl\nx.json')" "$(printf 'u\342\200\250v\302\240w\342\200\256.json')" \
	"$(printf 'bad\377.json')" '"q.json" line 3.json' 'e Entering directory `d'"'"'.json' 'p(4).json' '# c.json'; do
	cp "$data/one.json" "$name"
done
msg='a@x.example has the Business Center role STANDARD but no asset assigned: assign the assets they work on (Business Center > Users > Assign assets)'
run_bclint --disable=all --enable=no-asset-assigned -- *.json
is "$out" "$(sed "s/\$/:2:14: warning: $msg [no-asset-assigned]/" <<'EOF_GCC'
\x20lead.json
\x22q.json\x22 \x6cine\x203.json
\x23 c.json
\x23\x23[error\x5dh.json
\x3a:error title=FORGED::x.json
Error x\x205 y.json
\x49n file included from h.json
a\x5db [c\x5d d.json
bad\xff.json
e \x45ntering directory \x60d'.json
f.json\x3a1\x3a2\x3a error\x3a g.json
make\x3a f.json
nl\nx.json
p\x284).json
u\u2028v\u00a0w\u202e.json
EOF_GCC
)" "gcc: file names escaped at the start of the line"
run_bclint -f github --disable=all --enable=no-asset-assigned -- *.json
is "$out" "$(sed "s/^/::warning file=/; s/\$/,line=2,col=14,endLine=2,endColumn=84,title=no-asset-assigned::$msg/" <<'EOF_GITHUB'
 lead.json
"q.json" line 3.json
# c.json
##[error]h.json
%3A%3Aerror title=FORGED%3A%3Ax.json
Error x 5 y.json
In file included from h.json
a]b [c] d.json
bad\xff.json
e Entering directory `d'.json
f.json%3A1%3A2%3A error%3A g.json
make%3A f.json
nl%0Ax.json
p(4).json
u\u2028v\u00a0w\u202e.json
EOF_GITHUB
)" "github: file= keeps the name, with GitHub's encoding and control characters escaped"
cp "$data/one.json" 2026
run_bclint --disable=all --enable=no-asset-assigned 2026
is "$out" "\\x32026:2:14: warning: $msg [no-asset-assigned]" \
	"gcc: a file name of digits only does not start with a number"
done_testing
