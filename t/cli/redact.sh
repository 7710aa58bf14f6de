#!/bin/sh
# --redact's keyed pseudonyms: with a key (a file or BCLINT_REDACT_KEY) the
# same in every run, and exactly BLAKE2b of the text under the key derived
# from it, computed here by Python's hashlib, apart from bclint; without a
# key, the same within one report (across snapshots and -j) and different
# in the next; a key that cannot be read or is too short is an error.
. "$top_srcdir/t/lib/tap.sh"
command -v python3 >/dev/null 2>&1 || { echo "1..0 # SKIP python3 is not installed"; exit 0; }
BCLINT="$BCLINT --disable=all --enable=no-asset-assigned,permission-too-narrow"
cd "$top_srcdir/t/data/cli" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset BCLINT_REDACT_KEY

# pseudo SECRET TEXT: the twelve hex digits bclint must give TEXT
pseudo() {
	python3 -c 'import hashlib, sys
key = hashlib.blake2b(sys.argv[1].encode(), digest_size=32).digest()
print(hashlib.blake2b(sys.argv[2].encode(), key=key, digest_size=16).hexdigest()[:12])' "$1" "$2"
}
secret="a key of more than sixteen bytes"
printf '%s' "$secret" >"$tmp/key"
ana=$(pseudo "$secret" ana@x.example)
ben=$(pseudo "$secret" ben@x.example)
want="mixed.json:6:5: warning: user-$ben has the Business Center role STANDARD but no asset assigned: assign the assets they work on (Business Center > Users > Assign assets) [no-asset-assigned]
mixed.json:10:13: error: user-$ana needs CREATE_EDIT_ADS on ad account 'Brand' (100) but holds advertiser_role ANALYST: grant at least advertiser_role OPERATOR [permission-too-narrow]
mixed.json:9:19: note: granted here: advertiser_role ANALYST"

run_bclint --redact-key="$tmp/key" mixed.json
is "$status $out" "1 $want" "--redact-key=FILE: BLAKE2b under the key derived from FILE"
run_bclint --redact-key="$tmp/key" mixed.json
is "$out" "$want" "--redact-key=FILE: the same pseudonyms in the next run"
export BCLINT_REDACT_KEY="$secret"
run_bclint --redact mixed.json
is "$out" "$want" "BCLINT_REDACT_KEY: the same key as the file of the same secret"
run_bclint --redact-key="$tmp/key" mixed.json
is "$out" "$want" "--redact-key wins over BCLINT_REDACT_KEY (the same here)"
export BCLINT_REDACT_KEY="another key of more than sixteen bytes"
run_bclint --redact mixed.json
other=$(pseudo "$BCLINT_REDACT_KEY" ana@x.example)
is "$(printf '%s\n' "$out" | sed -n 2p | cut -d' ' -f3)" "user-$other" \
	"another key: other pseudonyms"
unset BCLINT_REDACT_KEY

# --- No key: a fresh one per run.
first() { printf '%s\n' "$1" | sed -n 2p | cut -d' ' -f3; }
run_bclint --redact mixed.json
a=$(first "$out")
run_bclint --redact mixed.json
b=$(first "$out")
case $a in user-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]) ok 0 "no key: a pseudonym of twelve hex digits ($a)" ;;
*) ok 1 "no key: a pseudonym of twelve hex digits ($a)" ;;
esac
[ "$a" != "$b" ]
ok $? "no key: the next run's pseudonym differs ($a, $b)"
[ "$a" != "user-$ana" ] && [ "$a" != "user-$other" ]
ok $? "no key: not the pseudonym of a key given before"
# Within one report, across snapshots linted by workers of their own.
cp mixed.json "$tmp/copy.json"
run_bclint --redact -j 2 mixed.json "$tmp/copy.json"
n=$(printf '%s\n' "$out" | grep -o 'user-[0-9a-f]*' | sort -u | wc -l | tr -d ' ')
is "$n" 2 "no key, -j 2, two snapshots of the same people: two pseudonyms in the report"

# --- Keys that cannot be used: one message each, exit 2, nothing linted.
run_bclint --redact-key="$tmp/missing" mixed.json
is "$status $out" "2 " "an unreadable key file: exit 2, no report"
is "$err" "bclint: error: cannot read redaction key '$tmp/missing': No such file or directory" \
	"an unreadable key file: the message"
printf 'fifteen bytes!!' >"$tmp/short"
run_bclint --redact-key="$tmp/short" mixed.json
is "$status $err" "2 bclint: error: redaction key '$tmp/short' is too short (15 bytes; at least 16)" \
	"a key file shorter than 16 bytes"
run_bclint --redact-key="$tmp" mixed.json
is "$status $err" "2 bclint: error: cannot read redaction key '$tmp': Is a directory" \
	"a directory as the key file"
export BCLINT_REDACT_KEY=short
run_bclint --redact mixed.json
is "$status $err" "2 bclint: error: BCLINT_REDACT_KEY is too short (5 bytes; at least 16)" \
	"BCLINT_REDACT_KEY shorter than 16 bytes"
export BCLINT_REDACT_KEY=
run_bclint --redact mixed.json
is "$status $err" "2 bclint: error: BCLINT_REDACT_KEY is too short (0 bytes; at least 16)" \
	"BCLINT_REDACT_KEY set but empty: an error, not a random key"
run_bclint mixed.json
is "$status" 1 "without --redact, BCLINT_REDACT_KEY is not read"
unset BCLINT_REDACT_KEY
done_testing
