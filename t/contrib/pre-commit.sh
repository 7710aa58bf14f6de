#!/bin/sh
# .pre-commit-hooks.yaml, run by pre-commit itself: `pre-commit try-repo`
# with the hook `bclint`, in a temporary git repository, with the bclint
# under test first on PATH.  It fails on the demo snapshot and passes on a
# well-kept one; JSON files that are not snapshots are left alone.
#
# try-repo takes the hook repository's HEAD plus its uncommitted changes
# to tracked files, never untracked ones: when this source tree is a git
# work tree that tracks .pre-commit-hooks.yaml it is the hook repository;
# otherwise (a tarball, a new file not yet added) a temporary repository
# holding this tree's .pre-commit-hooks.yaml is.
. "$top_srcdir/t/lib/tap.sh"
for tool in pre-commit git; do
	command -v $tool >/dev/null 2>&1 || {
		echo "1..0 # SKIP $tool is not installed"
		exit 0
	}
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin" "$tmp/repo"
bclint_on_path "$tmp/bin"
PRE_COMMIT_HOME=$tmp/cache
export PRE_COMMIT_HOME
git() { command git -c user.name=bclint-test -c user.email=test@bclint.invalid \
	-c init.defaultBranch=main -c commit.gpgsign=false "$@"; }

src=$(cd "$top_srcdir" && pwd -P)
if [ "$(git -C "$src" rev-parse --show-toplevel 2>/dev/null)" = "$src" ] &&
	git -C "$src" ls-files --error-unmatch .pre-commit-hooks.yaml >/dev/null 2>&1; then
	hooks=$src
	diag "hook repository: this work tree ($src)"
else
	hooks=$tmp/hooks
	mkdir "$hooks"
	cp "$top_srcdir/.pre-commit-hooks.yaml" "$hooks/"
	(cd "$hooks" && git init -q && git add .pre-commit-hooks.yaml && git commit -q -m hooks) ||
		exit 1
	diag "hook repository: a copy of this tree's .pre-commit-hooks.yaml"
fi

# hook: run the hook on every file of the repository; sets $out and $status.
hook() {
	out=$(cd "$tmp/repo" && pre-commit try-repo "$hooks" bclint --all-files 2>&1)
	status=$?
}

cd "$tmp/repo" || exit 1
git init -q
mkdir snapshots
cp "$top_srcdir/examples/demo.json" snapshots/demo.json
git add snapshots/demo.json && git commit -q -m demo
hook
is "$status" 1 "the demo snapshot: the hook fails"
printf '%s\n' "$out" | grep -q '^bclint\.*Failed$'
ok $? "the demo snapshot: pre-commit reports bclint as Failed"
printf '%s\n' "$out" | grep -q '^- exit code: 1$'
ok $? "the demo snapshot: bclint exited with status 1"
is "$(printf '%s\n' "$out" | grep -c '^snapshots/demo\.json:[0-9]*:[0-9]*: error: ')" 13 \
	"the demo snapshot: its 13 errors are shown"
printf '%s\n' "$out" | grep -qx 'snapshots/demo.json:4:9: warning: 4 active Admins, more than max_admins (3): keep Admins to a minimum and change the others to Standard in Business Center > Users \[too-many-admins\]'
ok $? "the demo snapshot: findings as bclint prints them"

git rm -q snapshots/demo.json && mkdir -p snapshots
cp "$top_srcdir/examples/well-kept.json" snapshots/well-kept.json
# Not snapshots: a configuration file (read by bclint, not linted) and
# other JSON outside snapshots/ (which bclint would refuse).
cp "$top_srcdir/examples/bclint-config.json" .bclint.json
cp .bclint.json snapshots/.bclint.json
printf '{"name": "not a snapshot"}\n' >package.json
git add . && git commit -q -m well-kept
hook
is "$status" 0 "a well-kept snapshot: the hook passes"
printf '%s\n' "$out" | grep -q '^bclint\.*Passed$'
ok $? "a well-kept snapshot: pre-commit reports bclint as Passed"

cp "$top_srcdir/examples/demo.json" acme.bclint-snapshot.json
git add acme.bclint-snapshot.json && git commit -q -m acme
hook
is "$status" 1 "a *.bclint-snapshot.json outside snapshots/: linted too"
printf '%s\n' "$out" | grep -q '^acme\.bclint-snapshot\.json:[0-9]*:[0-9]*: error: '
ok $? "a *.bclint-snapshot.json outside snapshots/: its findings are shown"

done_testing
