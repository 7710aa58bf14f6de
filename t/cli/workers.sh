#!/bin/sh
# Workers that lint file after file: a worker done with a snapshot is
# given the next one, so one process lints every file of -j 1; a rule
# that crashes or runs past its time costs its worker, and a new one
# takes the next file.  The report, the messages and the exit status are
# those of one process per file, and the same with -j 2.
. "$top_srcdir/t/lib/tap.sh"
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}handle_segv=0:handle_abort=0"
export ASAN_OPTIONS
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$top_builddir/t/plugins/.libs/worker.so" "$tmp/" && chmod 0644 "$tmp/worker.so"
cd "$tmp" || exit 1
for id in a b c crash loop leak; do
	printf '{"schema": "bclint-snapshot/1", "bc": {"bc_id": "%s"}, "members": [], "assets": []}\n' \
		"$id" >"$id.json"
done
w="--disable=all --plugin=$tmp/worker.so --enable=test-worker --rule-timeout=1"
# Each worker's process ID as W1, W2... in order of first appearance.
workers() {
	awk '{
		if (match($0, /worker [0-9]+/)) {
			pid = substr($0, RSTART + 7, RLENGTH - 7)
			if (!(pid in seen))
				seen[pid] = "W" (++k)
			$0 = substr($0, 1, RSTART + 6) seen[pid] substr($0, RSTART + RLENGTH)
		}
		print
	}'
}
said() { printf '%s\n' "$err" | grep -v '^==[0-9]*=='; } # valgrind's own lines left out

run_bclint -j 1 $w a.json b.json c.json
is "$(printf '%s\n' "$out" | workers)" "a.json:1:39: warning: worker W1 [test-worker]
b.json:1:39: warning: worker W1 [test-worker]
c.json:1:39: warning: worker W1 [test-worker]" "-j 1: one worker lints the three files"
is "$status:$(said)" "0:0 errors, 3 warnings, 0 notes" "-j 1: the summary and exit status"

run_bclint -j 1 $w a.json crash.json b.json loop.json c.json
is "$(printf '%s\n' "$out" | workers)" "a.json:1:39: warning: worker W1 [test-worker]
b.json:1:39: warning: worker W2 [test-worker]
c.json:1:39: warning: worker W3 [test-worker]" \
	"a crash and a time limit: each costs its worker, and a new one takes the next file"
is "$(said)" "bclint: error: $tmp/worker.so: rule 'test-worker' crashed (SIGSEGV) on crash.json
bclint: error: $tmp/worker.so: rule 'test-worker' exceeded the time limit of 1 s on loop.json
0 errors, 3 warnings, 0 notes" "a crash and a time limit: each named, in the files' order"
is "$status" 3 "a crash and a time limit: exit status 3"
one=$(printf '%s\n' "$out" | sed 's/worker [0-9]*/worker/')
one_err=$(said)

run_bclint -j 2 $w a.json crash.json b.json loop.json c.json
is "$(printf '%s\n' "$out" | sed 's/worker [0-9]*/worker/')" "$one" "-j 2: the report of -j 1"
is "$status:$(said)" "3:$one_err" "-j 2: what -j 1 says, and its exit status"

# Standard input cannot be read again by a worker started before it was
# read: a new worker is started for it, and takes the file after it.
run_bclint -j 1 $w a.json - c.json <b.json
is "$(printf '%s\n' "$out" | workers)" "a.json:1:39: warning: worker W1 [test-worker]
-:1:39: warning: worker W2 [test-worker]
c.json:1:39: warning: worker W2 [test-worker]" "standard input: a worker of its own, which goes on"

# A file that no worker lints: the one between files is let go.
run_bclint -j 1 $w a.json missing.json
is "$status:$(said)" "2:bclint: error: missing.json: cannot read snapshot: No such file or directory
0 errors, 1 warning, 0 notes" "a file that cannot be read after a worker's file"
# A worker that ends badly once its files are done is named: under
# valgrind, a worker that lost memory ends with valgrind's exit status.
if [ -n "$VALGRIND_TESTS" ]; then
	run_bclint -j 1 $w leak.json a.json
	is "$status:$(said)" "3:bclint: error: a worker process ended with exit status 99 after its snapshots were linted
0 errors, 2 warnings, 0 notes" "a worker's memory lost: named when it ends, exit status 3"
else
	ok 0 "# SKIP a worker's memory lost: only valgrind sees it"
fi
done_testing
