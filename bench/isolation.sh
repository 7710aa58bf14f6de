#!/bin/sh
# The cost of crash isolation (one fork per snapshot): times
# bclint with and without --no-isolate on examples/demo.json and on a
# generated snapshot of N members (default 4000: TikTok's member limit),
# with hyperfine.  Run from a built source tree:
#   sh bench/isolation.sh [MEMBERS]
# Results are in bclint-plugin(3), CRASH ISOLATION.
set -eu
members=${1:-4000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$members" >"$tmp/big.json" <<'PY'
import json, sys
n = int(sys.argv[1])
roles = ["ADMIN", "OPERATOR", "ANALYST"]
members = [{"user_id": str(10**6 + i), "user_email": "u%d@%s.example" % (i, "acme" if i % 7 else "agency"),
            "user_role": "ADMIN" if i % 500 == 0 else "STANDARD",
            "relation_status": "PENDING" if i % 50 == 1 else "BOUND",
            "x_last_login_at": "2026-%02d-01T00:00:00Z" % (1 + i % 12)} for i in range(n)]
n_assets = max(1, n // 2)
assets = [{"asset_id": str(7 * 10**6 + k), "asset_type": "ADVERTISER",
           "asset_name": ("EU - acct %d" if k % 3 == 0 else "acct %d") % k} for k in range(n_assets)]
assignments = [{"user_id": str(10**6 + i), "asset_id": str(7 * 10**6 + (i * 5 + j) % n_assets),
                "asset_type": "ADVERTISER", "advertiser_role": roles[(i + j) % 3]}
               for i in range(n) for j in range(5)]
needs = [{"user_id": str(10**6 + i), "action": "CREATE_EDIT_ADS",
          "asset_id": str(7 * 10**6 + (i * 5 + 7) % n_assets), "asset_type": "ADVERTISER"}
         for i in range(0, n, 3)]
json.dump({"schema": "bclint-snapshot/1", "captured_at": "2026-11-01T00:00:00Z",
           "bc": {"bc_id": "1", "name": "Bench", "x_allowed_email_domains": ["acme.example"]},
           "members": members, "assets": assets, "assignments": assignments, "needs": needs},
          sys.stdout, indent=1)
PY
export BCLINT_RULES_PATH="${BCLINT_RULES_PATH:-$PWD/rules/.libs}"
echo "big.json: $members members, $(wc -c <"$tmp/big.json") bytes;" \
	"$(./bclint --list-rules | wc -l) rules"
for snap in examples/demo.json "$tmp/big.json"; do
	hyperfine -N --warmup 3 --runs "${RUNS:-30}" -i \
		"./bclint --no-config -f json -o /dev/null $snap" \
		"./bclint --no-config -f json -o /dev/null --no-isolate $snap"
done
