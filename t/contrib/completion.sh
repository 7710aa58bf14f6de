#!/bin/sh
# contrib/bash-completion/bclint, sourced into bash beside bash-completion:
# the exact completions offered for options, their values, rule IDs (from
# the built bclint's --list-rules, with the line's --rules-path and
# --plugin), subcommands and files.  The line is split into COMP_WORDS as
# readline splits it (blanks separate words; a run of '=' or ':' is a word
# of its own; a trailing blank starts an empty word), then _bclint is
# called as `complete -F` would call it.
if [ -z "${BASH_VERSION-}" ]; then
	command -v bash >/dev/null 2>&1 || {
		echo "1..0 # SKIP bash is not installed"
		exit 0
	}
	exec bash "$0" "$@"
fi
. "$top_srcdir/t/lib/tap.sh"
bash_completion=${BASH_COMPLETION_SCRIPT:-/usr/share/bash-completion/bash_completion}
if [ ! -r "$bash_completion" ]; then
	echo "1..0 # SKIP bash-completion is not installed ($bash_completion)"
	exit 0
fi
# shellcheck disable=SC1090
. "$bash_completion"
. "$top_srcdir/contrib/bash-completion/bclint"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The completion runs the bclint found on PATH, as it would for a user.
mkdir "$tmp/bin" "$tmp/empty" "$tmp/w" "$tmp/w/responses"
ln -s "$top_builddir/bclint" "$tmp/bin/bclint"
PATH=$tmp/bin:$PATH
cp "$top_builddir/t/plugins/.libs/good.so" "$tmp/" && chmod 0644 "$tmp/good.so"
cd "$tmp/w" || exit 1
touch a.json b.bclint-snapshot.json notes.txt report.sarif extras.csv

# Outside a completion compopt cannot run: note what was asked of it.
compopt() {
	local IFS=" "
	compopt_args+=" $*"
}

# comp_line LINE: what bash offers with the cursor at the end of LINE, sorted,
# one a line, in $got.
comp_line() {
	local line=$1 tok re='^( +|[=:]+|[^ =:]+)(.*)$'
	COMP_WORDS=()
	while [[ $line =~ $re ]]; do
		tok=${BASH_REMATCH[1]} line=${BASH_REMATCH[2]}
		[[ $tok == ' '* ]] || COMP_WORDS+=("$tok")
	done
	[[ $1 == *' ' ]] && COMP_WORDS+=('')
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE=$1 COMP_POINT=${#1}
	COMPREPLY=() compopt_args=
	_bclint bclint "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
	got=$( ((${#COMPREPLY[@]})) && printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort)
}

# offers LINE WORD...: complete LINE, expect exactly the WORDs.
offers() {
	local line=$1
	shift
	comp_line "$line"
	is "$got" "$( (($#)) && printf '%s\n' "$@" | LC_ALL=C sort)" "'$line' offers: $*"
}

is "$(complete -p bclint 2>&1)" "complete -F _bclint bclint" "the completion is registered for bclint"

# --- Subcommands, then snapshots (*.json and directories).
offers 'bclint ' a.json access b.bclint-snapshot.json diff import responses why
offers 'bclint i' import
offers 'bclint a.json ' a.json b.bclint-snapshot.json responses
offers 'bclint --check' --check-fixtures
offers 'bclint a.json --check'

# --- Options: every option of bclint --help, short and long, and no other
# (those of the `bclint why` line are why's).
comp_line 'bclint -'
want=$(bclint --help | grep -v 'bclint why' | grep -oE -- '(^|[][ ,|(])--?[a-z][a-z-]*' | sed 's/^[^-]*//' | LC_ALL=C sort -u)
is "$(printf '%s\n' "$got" | sed 's/=$//')" "$want" "'bclint -' offers every option of bclint --help"
offers 'bclint --fo' --format=
is "$compopt_args" " -o nospace" "'--format=' is completed without a space after it"
offers 'bclint --re' --redact --redact-key=
offers 'bclint --no-c' --no-config
is "$compopt_args" "" "'--no-config' is completed with a space after it"
offers 'bclint -q' -q

# --- Option values.
offers 'bclint -f ' gcc sarif json github gitlab junit checkstyle azure
offers 'bclint --format=s' sarif
offers 'bclint --format=j' json junit
offers 'bclint a.json --format ' gcc sarif json github gitlab junit checkstyle azure
offers 'bclint --list-rules --format=' gcc sarif json github gitlab junit checkstyle azure man markdown
offers 'bclint --fail-on=' error warning note none
offers 'bclint --fail-on w' warning
offers 'bclint --color=a' auto always
offers 'bclint --colour=n' never
offers 'bclint --color ' a.json b.bclint-snapshot.json responses
offers 'bclint --baseline ' a.json b.bclint-snapshot.json report.sarif responses
offers 'bclint --previous ' a.json b.bclint-snapshot.json responses
offers 'bclint -c ' a.json b.bclint-snapshot.json responses
offers 'bclint -o ' a.json b.bclint-snapshot.json extras.csv notes.txt report.sarif responses
offers 'bclint --rules-path=res' responses
offers 'bclint --rules-path=/nowhere:res' responses
offers 'bclint --max-warnings='
offers 'bclint --now '

# --- Rule IDs, asked of the bclint on PATH.
offers 'bclint --explain ' $(bclint --list-rules | awk '{print $1}')
offers 'bclint --explain=too-many-a' too-many-admins too-many-asset-admins
offers 'bclint --enable=permission-' permission-too-narrow
is "$compopt_args" " -o nospace" "'--enable=RULE' leaves room for a comma"
offers 'bclint --enable=a' all allowlist-changed asset-not-assigned \
	agency-staff-as-members
offers 'bclint --disable=foreign-asset,too-many-a' \
	foreign-asset,too-many-admins foreign-asset,too-many-asset-admins
offers 'bclint --disable foreign-asset,al' foreign-asset,all \
	foreign-asset,allowlist-changed
offers 'bclint --level=stale' stale-session=
offers 'bclint --level=stale-session=' error warning note off
offers 'bclint --level stale-session=w' warning
offers 'bclint --set=too-many-ad' too-many-admins.
offers 'bclint --set=too-many-admins.'
# The line's own rules path and plugins, not the environment's.
saved=$BCLINT_RULES_PATH
unset BCLINT_RULES_PATH
offers "bclint --rules-path=$saved --explain too-many-ad" too-many-admins
offers "bclint --rules-path=$tmp/empty --enable=" all
offers "bclint --rules-path $tmp/empty --plugin=$tmp/good.so --explain " test-good
offers "bclint --rules-path=$tmp/empty --plugin $tmp/good.so --level=test" test-good=
BCLINT_RULES_PATH=$saved
export BCLINT_RULES_PATH

# --- bclint import.
offers 'bclint import --' --bc-id= --captured-at= --extras= --help --output= --plan= --version
offers 'bclint import -o' -o
offers 'bclint import --extras ' a.json b.bclint-snapshot.json extras.csv responses
offers 'bclint import --plan=' a.json b.bclint-snapshot.json responses
offers 'bclint import ' a.json b.bclint-snapshot.json extras.csv notes.txt report.sarif responses

# --- bclint why.
offers 'bclint why ' a.json b.bclint-snapshot.json responses
offers 'bclint why a.json --' --action= --advertiser= --asset-type= --asset= --format= --help --member= --now= --version
offers 'bclint why a.json -f ' text json
offers 'bclint why a.json --format=j' json
offers 'bclint why a.json --asset-type=T' TIKTOK_SHOP TT_ACCOUNT
offers 'bclint why a.json --member '

# --- bclint access.
offers 'bclint access ' a.json b.bclint-snapshot.json responses
offers 'bclint access a.json --' --by-person --config= --format= --help --no-config --now= \
	--output= --plugin= --redact --redact-key= --roster= --rules-path= --version
offers 'bclint access a.json -f ' table csv json markdown html
offers 'bclint access a.json --format=m' markdown
offers 'bclint access a.json --roster ' extras.csv a.json b.bclint-snapshot.json responses
offers 'bclint a.json --roster ' extras.csv a.json b.bclint-snapshot.json responses

# --- bclint --check-fixtures DIR... [-- OPTION...].
offers 'bclint --check-fixtures ' responses
offers 'bclint --check-fixtures responses -' --
offers 'bclint --check-fixtures responses -- --fail-on=w' warning
offers 'bclint --check-fixtures responses -- --disable=permission-' permission-too-narrow
offers 'bclint --check-fixtures responses -- --re' --redact --redact-key=
offers 'bclint --redact-key ' a.json b.bclint-snapshot.json extras.csv notes.txt report.sarif responses

done_testing
