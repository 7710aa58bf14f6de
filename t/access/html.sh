#!/bin/sh
# bclint access -f html in a real browser (Debian's chromium, headless):
# the page loads with no console message, its matrix has exactly the
# right cells, the filters (set from the address) hide what they should,
# and a screenshot is taken (t/access/html-screenshot.png in the build
# directory).
. "$top_srcdir/t/lib/tap.sh"
browser=
for b in chromium chromium-browser google-chrome; do
	command -v "$b" >/dev/null 2>&1 && browser=$b && break
done
if [ -z "$browser" ]; then
	echo "1..0 # SKIP no chromium (Debian package chromium)"
	exit 0
fi
builddir=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$top_srcdir/t/data/access" || exit 1
run_bclint access -f html --roster roster.csv -o "$tmp/page.html" north.json south.json
is "$status:$err" "0:" "the page is written"

# chrome URL ARGS...: the browser's run, its standard error in $tmp/log
chrome() {
	url=$1
	shift
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
		--user-data-dir="$tmp/profile" --enable-logging=stderr --v=0 "$@" "$url" \
		2>"$tmp/log"
}

# The matrix as text: per Business Center, the header, then one line per
# visible member, cells separated by " | " (with their finding mark).
matrix() {
	python3 -c '
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__(); self.out = []; self.cell = None; self.row = None; self.hidden = 0
    def handle_starttag(self, tag, attrs):
        a = dict(attrs); cls = (a.get("class") or "").split()
        if tag == "table" and "matrix" in cls: self.out.append("== table")
        if tag == "tr": self.row = []; self.rowhidden = "hidden" in cls
        if tag in ("td", "th") and self.row is not None:
            self.cell = []; self.cellhidden = "hidden" in cls
        if tag == "br" and self.cell is not None: self.cell.append(" / ")
    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            if not self.cellhidden: self.row.append("".join(self.cell))
            self.cell = None
        if tag == "tr" and self.row is not None:
            if not self.rowhidden: self.out.append(" | ".join(self.row))
            self.row = None
    def handle_data(self, d):
        if self.cell is not None: self.cell.append(d)
p = P(); p.feed(sys.stdin.read()); print("\n".join(p.out))
'
}

chrome "file://$tmp/page.html" --dump-dom >"$tmp/dom.html"
ok $? "chromium loads the page"
is "$(grep -c ':CONSOLE' "$tmp/log")" 0 "no console message (no script error)"
grep ':CONSOLE' "$tmp/log" | while IFS= read -r line; do diag "$line"; done
is "$(matrix <"$tmp/dom.html")" "== table
member | roster | status | finance | Business Center | South Products
bo.other@north.example | NOT ON ROSTER | BOUND |  | ADMIN! | 
ada.lind@NORTH.example | employee | BOUND |  | STANDARD | AD_PROMOTE
== table
member | roster | status | finance | Business Center | North Ads | Shared In | Web pixel | @north
bo@north.example / =HYPERLINK(\"http://x.example\") | ENDED 2026-10-15 | BOUND / two-step off | ANALYST | STANDARD! | OPERATOR | ANALYST! | ASSIGNED | POST+LIVE!
Ada.Lind@north.example / Ada Lind | employee | BOUND |  | ADMIN | ADMIN! |  |  | 
cy@north.example / Cy | \"Pipe\", <b> | NOT ON ROSTER | PENDING |  | STANDARD! |  |  |  | " \
	"the members x assets matrix, cell by cell, with the findings marked"

chrome "file://$tmp/page.html#person=ada&perm=ADMIN" --dump-dom >"$tmp/dom.html"
is "$(matrix <"$tmp/dom.html")" "== table
member | roster | status | finance | Business Center | South Products
== table
member | roster | status | finance | Business Center | North Ads | Shared In | Web pixel | @north
Ada.Lind@north.example / Ada Lind | employee | BOUND |  | ADMIN | ADMIN! |  |  | " \
	"filters: person 'ada' with permission ADMIN leaves one member"
chrome "file://$tmp/page.html#asset=pixel" --dump-dom >"$tmp/dom.html"
is "$(matrix <"$tmp/dom.html")" "== table
member | roster | status | finance
bo.other@north.example | NOT ON ROSTER | BOUND | 
ada.lind@NORTH.example | employee | BOUND | 
== table
member | roster | status | finance | Web pixel
bo@north.example / =HYPERLINK(\"http://x.example\") | ENDED 2026-10-15 | BOUND / two-step off | ANALYST | ASSIGNED
Ada.Lind@north.example / Ada Lind | employee | BOUND |  | 
cy@north.example / Cy | \"Pipe\", <b> | NOT ON ROSTER | PENDING |  | " \
	"filters: asset 'pixel' leaves its column alone"

# Past 250,000 cells a Business Center's matrix is a list, one line per row.
"$top_builddir/bench/gen" --members 600 --assets 600 --grants 3000 --needs 2400 --seed 3 \
	>"$tmp/big.json"
run_bclint access -f json "$tmp/big.json"
rows=$(printf '%s' "$out" | jq '.rows | length')
who=$(printf '%s' "$out" | jq -r '.rows[0].user_email')
mine=$(printf '%s' "$out" | jq --arg w "$who" '[.rows[] | select(.user_email == $w)] | length')
run_bclint access -f html -o "$tmp/big.html" "$tmp/big.json"
grep -o '<p>[^<]*</p>' "$tmp/big.html" >"$tmp/said"
is "$(cat "$tmp/said")" "<p>600 members x 597 assets: too many for a matrix, one line per member and asset instead.</p>" \
	"600 members x 597 assets: a list instead of the matrix"
chrome "file://$tmp/big.html" --dump-dom >"$tmp/dom.html"
is "$(grep -c ':CONSOLE' "$tmp/log")" 0 "the list: no console message"
is "$(matrix <"$tmp/dom.html" | grep -vc '^== table\|^member | ')" "$rows" "the list: one line per row of the record"
chrome "file://$tmp/big.html#person=$who" --dump-dom >"$tmp/dom.html"
is "$(matrix <"$tmp/dom.html" | grep -vc '^== table\|^member | ')" "$mine" "the list: filtered by person"

rm -f "$builddir/t/access/html-screenshot.png"
chrome "file://$tmp/page.html" --screenshot="$builddir/t/access/html-screenshot.png" \
	--window-size=1400,900 >/dev/null
is "$(od -An -tx1 -N8 "$builddir/t/access/html-screenshot.png" 2>/dev/null | tr -d ' ')" \
	89504e470d0a1a0a "a screenshot is taken (a PNG)"
! grep -Eiq '<(script|link|img|iframe|object|embed)[^>]* (src|href)=' "$tmp/page.html"
ok $? "the page loads nothing: no script, style sheet or image from elsewhere"
grep -q "default-src 'none'" "$tmp/page.html"
ok $? "and its content security policy forbids it"

done_testing
