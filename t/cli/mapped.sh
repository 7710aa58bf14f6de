#!/bin/sh
# Large snapshots are mapped, not read (64 KiB and more): the same report
# as for the same text read into memory, whatever the size against the page
# size, and the end of the text still found where a file ends on a page
# boundary.
. "$top_srcdir/t/lib/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
demo=$top_srcdir/examples/demo.json
size=$(wc -c <"$demo" | tr -d ' ')

# copy of the demo snapshot padded with trailing blanks to $1 bytes
padded() {
	mkdir -p "$tmp/$1"
	{ cat "$demo"; head -c "$(($1 - size))" /dev/zero | tr '\0' ' '; } >"$tmp/$1/demo.json"
}

cp "$demo" "$tmp/demo.json"
(cd "$tmp" && run_bclint --now=2026-11-01 demo.json; echo "$status" >want.status; printf '%s\n' "$out" >want.out)
want=$(cat "$tmp/want.out")
is "$(cat "$tmp/want.status")" 1 "the demo snapshot has findings"
for n in 65535 65536 65537 69632 135168; do
	padded "$n"
	is "$(wc -c <"$tmp/$n/demo.json" | tr -d ' ')" "$n" "padded to $n bytes"
	cd "$tmp/$n" || exit 1
	run_bclint --now=2026-11-01 demo.json
	is "$out" "$want" "$n bytes: the same report"
	is "$status" 1 "$n bytes: the same exit status"
	run_bclint --now=2026-11-01 --no-isolate demo.json
	is "$out" "$want" "$n bytes, no isolation: the same report"
	run_bclint --now=2026-11-01 - <demo.json
	is "$out" "$(printf '%s\n' "$want" | sed 's/^demo\.json:/-:/')" "$n bytes on standard input: the same report"
done

# A document cut short that ends exactly on a page boundary (65536 bytes):
# the parser reads the zero byte after it, not past the mapping.
cd "$tmp" || exit 1
first='{"schema": "bclint-snapshot/1",'
{ printf '%s\n' "$first"; head -c $((65536 - ${#first} - 1)) /dev/zero | tr '\0' ' '; } >cut.json
is "$(wc -c <cut.json | tr -d ' ')" 65536 "a cut document of 65536 bytes"
run_bclint cut.json
is "$out" "cut.json:2:$((65536 - ${#first} - 1 + 1)): error: malformed JSON: unexpected end of file [snapshot]" \
	"cut on a page boundary: the end of the text, at its line and column"
is "$status" 2 "cut on a page boundary: exit 2"
done_testing
