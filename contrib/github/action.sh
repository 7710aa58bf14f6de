#!/bin/bash
# The steps of the bclint GitHub Action (action.yml at the top of the source
# tree), one mode each:
#
#   action.sh build   install the build dependencies with apt-get (Debian
#                     or Ubuntu runners), build bclint from the action's own
#                     source tree and install it under $RUNNER_TEMP/bclint,
#                     whose bin/ is added to GITHUB_PATH
#   action.sh lint    lint the snapshots twice: a SARIF report for code
#                     scanning (never failing), then the report in the log,
#                     whose exit status (following fail-on) is the step's
#
# The inputs come in the environment; action.yml sets them from its own
# inputs, which never become part of a script's text:
#   BCLINT_ACTION_PATHS       the snapshots, separated by blanks or new lines;
#                             globs (* ? [...], and ** for any depth) are
#                             expanded in GITHUB_WORKSPACE; one that matches
#                             nothing is given to bclint as it is, which
#                             reports it
#   BCLINT_ACTION_FORMAT      the log's format: github (the default: workflow
#                             commands, shown as annotations), gcc (read by
#                             the problem matcher contrib/github/
#                             bclint-problem-matcher.json), or any other
#   BCLINT_ACTION_FAIL_ON     --fail-on for the log (default error)
#   BCLINT_ACTION_CONFIG      --config, when not empty
#   BCLINT_ACTION_SARIF_FILE  the SARIF report, relative to the workspace
#                             (default $RUNNER_TEMP/bclint.sarif)
#   BCLINT_ACTION_REDACT      true (the default): --redact for the SARIF
#                             report, which is uploaded to GitHub
#   BCLINT_ACTION_SKIP_BUILD  1: `build` builds nothing and uses the bclint
#                             on PATH (the tests run the script this way)
# and GitHub's own GITHUB_WORKSPACE, RUNNER_TEMP, GITHUB_OUTPUT, GITHUB_PATH,
# GITHUB_ACTION_PATH (where action.yml is) and GITHUB_WORKFLOW.
#
# Outputs (GITHUB_OUTPUT): `build` sets bclint (the program's path); `lint`
# sets sarif-file (absolute, once the report is written) and exit-code.
# Exit status: build: 0 or 1; lint: bclint's (0 clean, 1 findings at or
# above fail-on, 2 usage or input error, 3 a plugin failed).
set -uo pipefail
me='bclint action'

fail() { # fail STATUS MESSAGE: an error annotation, then exit
	echo "::error title=bclint::$me: $2"
	exit "$1"
}

build() {
	if [ "${BCLINT_ACTION_SKIP_BUILD:-}" = 1 ]; then
		local bclint
		bclint=$(command -v bclint) || fail 1 "BCLINT_ACTION_SKIP_BUILD=1, but there is no bclint on PATH"
		echo "$me: not building; using $bclint ($(bclint --version))"
		echo "bclint=$bclint" >>"$GITHUB_OUTPUT"
		return 0
	fi
	local sudo='' src=$RUNNER_TEMP/bclint-src prefix=$RUNNER_TEMP/bclint
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	set -e
	echo "::group::Install the build dependencies"
	$sudo apt-get update -qq
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		build-essential autoconf automake libtool pkg-config libcjson-dev libpcre2-dev libsodium-dev
	echo "::endgroup::"
	echo "::group::Build and install bclint into $prefix"
	# A copy: the action's tree may be the workspace, which stays as it was.
	rm -rf "$src" && mkdir -p "$src"
	tar -C "$GITHUB_ACTION_PATH" --exclude=./.git -cf - . | tar -C "$src" -xf -
	cd "$src"
	autoreconf -fi
	./configure --prefix="$prefix" --with-bash-completion-dir=no
	make -j"$(nproc)"
	make install
	echo "::endgroup::"
	set +e
	echo "$prefix/bin" >>"$GITHUB_PATH"
	echo "bclint=$prefix/bin/bclint" >>"$GITHUB_OUTPUT"
	echo "$me: installed $("$prefix/bin/bclint" --version)"
}

lint() {
	local format=${BCLINT_ACTION_FORMAT:-github} fail_on=${BCLINT_ACTION_FAIL_ON:-error}
	local sarif=${BCLINT_ACTION_SARIF_FILE:-$RUNNER_TEMP/bclint.sarif}
	local words files=() matches p status opts=()
	cd "$GITHUB_WORKSPACE" || fail 2 "cannot enter the workspace $GITHUB_WORKSPACE"

	# Split on blanks without globbing, then expand each word on its own.
	shopt -s globstar
	set -f
	# shellcheck disable=SC2206
	words=(${BCLINT_ACTION_PATHS:-})
	set +f
	for p in "${words[@]}"; do
		# shellcheck disable=SC2206
		matches=($p)
		files+=("${matches[@]}")
	done
	[ ${#files[@]} -gt 0 ] || fail 2 "no snapshot to lint: the paths input is empty"
	[ -z "${BCLINT_ACTION_CONFIG:-}" ] || opts+=(--config="$BCLINT_ACTION_CONFIG")

	# Code scanning gets every finding; failing is the log run's business.
	case $sarif in /*) ;; *) sarif=$PWD/$sarif ;; esac
	mkdir -p "$(dirname "$sarif")" || fail 2 "cannot create the directory of $sarif"
	local redact=(--redact)
	[ "${BCLINT_ACTION_REDACT:-true}" = true ] || redact=()
	rm -f "$sarif"
	bclint --format=sarif --output="$sarif" --fail-on=none "${redact[@]}" \
		--sarif-automation-id="bclint/${GITHUB_WORKFLOW:+$GITHUB_WORKFLOW/}" "${opts[@]}" -- "${files[@]}" 2>/dev/null
	if [ -f "$sarif" ]; then
		echo "sarif-file=$sarif" >>"$GITHUB_OUTPUT"
	else
		echo "::warning title=bclint::$me: no SARIF report was written"
	fi

	case $format in
	gcc)
		echo "::add-matcher::$GITHUB_ACTION_PATH/contrib/github/bclint-problem-matcher.json"
		bclint --color=never --fail-on="$fail_on" "${opts[@]}" -- "${files[@]}"
		status=$?
		echo "::remove-matcher owner=bclint::"
		;;
	*)
		bclint --format="$format" --fail-on="$fail_on" "${opts[@]}" -- "${files[@]}"
		status=$?
		;;
	esac
	echo "exit-code=$status" >>"$GITHUB_OUTPUT"
	return "$status"
}

case ${1:-} in
build) build ;;
lint) lint ;;
*)
	echo "Usage: $0 build|lint   (the steps of action.yml)" >&2
	exit 2
	;;
esac
