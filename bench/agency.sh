#!/bin/bash
# bench/agency.sh: an agency's run, many Business Centers at once.  N
# snapshots of TikTok's 4,000 members (different seeds) linted in one
# bclint run with -j 1 and with -j J (default: the CPUs), against the sum
# of a cJSON parse of each file divided by the CPUs (the floor of the same
# work spread over every core).  Prints wall and CPU times and the ratios
# the targets are stated in (bench/README.md, "Agency scale").
#
# Usage: bench/agency.sh [--builddir DIR] [--snapshots N] [--jobs J] [--runs R]
#
# Needs a built tree and hyperfine.
set -euo pipefail
srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=$srcdir
n=200 jobs=$(nproc) runs=3
while [ $# -gt 0 ]; do
	case $1 in
	--builddir) builddir=$2; shift 2 ;;
	--snapshots) n=$2; shift 2 ;;
	--jobs) jobs=$2; shift 2 ;;
	--runs) runs=$2; shift 2 ;;
	-h | --help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "bench/agency.sh: unknown argument '$1'" >&2; exit 2 ;;
	esac
done
command -v hyperfine >/dev/null || { echo "bench/agency.sh: hyperfine is missing" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/bclint-agency.XXXXXX")
trap 'rm -rf "$work"' EXIT
export BCLINT_RULES_PATH=$builddir/rules/.libs

for i in $(seq "$n"); do
	"$builddir/bench/gen" --members 4000 --assets 4000 --grants 20000 --needs 16000 \
		--seed "$i" >"$work/bc$i.json"
done
files=$(ls "$work"/bc*.json | sort -V | tr '\n' ' ')
bytes=$(cat "$work"/bc*.json | wc -c)
echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $n snapshots of 4,000 members ($((bytes / 1048576)) MiB), $runs runs"
# the floor: every file parsed by cJSON, one process each, one after another
hyperfine -N -i --style basic --warmup 1 --runs "$runs" --export-json "$work/hf.json" \
	-n cjson-parse-all "sh -c 'for f in $files; do $builddir/bench/cjson-parse \$f; done'" \
	-n "bclint -j 1" "$builddir/bclint -j 1 -o /dev/null $files" \
	-n "bclint -j $jobs" "$builddir/bclint -j $jobs -o /dev/null $files" >"$work/hf.log" 2>&1 ||
	{ cat "$work/hf.log"; exit 1; }
get() { jq -r ".results[$1].$2" "$work/hf.json"; }
awk -v c="$(get 0 median)" -v cu="$(get 0 user)" -v cs="$(get 0 system)" \
    -v a="$(get 1 median)" -v b="$(get 2 median)" -v cpus="$(nproc)" -v j="$jobs" 'BEGIN {
	printf "   %-22s %8s\n", "program", "wall s"
	printf "   %-22s %8.3f   (cpu %.3f s)\n", "cjson-parse, each file", c, cu + cs
	printf "   %-22s %8.3f\n", "bclint -j 1", a
	printf "   %-22s %8.3f\n", "bclint -j " j, b
	printf "== targets\n"
	printf "   -j %d against -j 1: %.2fx faster (target >= 1.7 on 2 CPUs)\n", j, a / b
	printf "   -j %d against the parses per core (cpu %.3f s / %d): %.2fx (target <= 1.2)\n", \
		j, cu + cs, cpus, b / ((cu + cs) / cpus)
}'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
