#!/usr/bin/env python3
# The hostile corpus: snapshots whose every name carries one pattern that
# some reader of bclint's text output (Vim, Neovim, Emacs, VS Code, GitHub,
# Jenkins) would take for a diagnostic, a directory change, a workflow
# command or a line break.  Each pattern goes into a member's email and
# name, an asset's name, an asset group's name, a partner's name, the
# email-domain allowlist (an option that allowlist-changed echoes) and the
# file names of the snapshot and of its previous snapshot.
#
# Usage: hostile-corpus.py DIR
# Writes, for each case NN-NAME, the snapshot DIR/NN-NAME<pattern>.json and
# its previous snapshot DIR/<pattern>NN-NAME.old.json, and prints NN-NAME
# (file names may hold any byte but NUL and '/', newlines too).
import json
import os
import sys

# (name, pattern): where each comes from is in t/contrib/consumers.sh.
PATTERNS = [
    ("perl", " at /etc/passwd line 1."),
    ("perl-eol", " at /etc/passwd line 2"),
    ("entering", " make[1]: Entering directory `/tmp/evil'"),
    ("entering-open", " Entering directory `/tmp/evil"),
    ("entering-start", "make: Entering directory '/tmp/evil'"),
    ("leaving", " make[1]: Leaving directory '/tmp'"),
    ("vim-quoted", ' "evil.json" line 9: x'),
    ("vim-quoted-col", ' "evil.json", line 9, col 3: x'),
    ("gnu", " x.json:1:1: error: forged [x]"),
    ("gnu-note", " x.json:1:1: note: forged"),
    ("nbsp", " x.json:1:1:\u00a0error:\u00a0forged [x]"),
    ("em-space", " x.json:1:1:\u2003error: forged"),
    ("ideographic-space", " x.json:1:1:\u3000warning: forged"),
    ("narrow-nbsp", " x.json:1:1:\u202ferror: forged"),
    ("line-separator", " x.json:1:1:\u2028error: forged"),
    ("vanish", " a\u2028b\u2029c"),
    ("bidi", " \u202eevil\u2066x\u2069\u200f"),
    ("invisible", " a\u200bb\ufeffc\u2060d"),
    ("c1", " \u0085\u009b31m\u009d"),
    ("controls", "\n x.json:2:2: error: nl\r\x1b[31m\t\x7f\x0b\x0c"),
    ("clang-tidy", " error: X [y]"),
    ("clang-tidy-warning", " warning: W [z]"),
    ("terror", " terror: t"),
    ("workflow", "::error title=FORGED::x"),
    ("workflow-old", "##[error]forged"),
    ("include", " In file included from x.json:3:"),
    ("include-from", "                 from x.json:4:"),
    ("msft", " x.json(7): error C1: msft"),
    ("msft-col", " x.json(7,2): warning C2: msft"),
    ("bsd", " a ( /etc/passwd(3): warning: bsd"),
    ("bsd-colons", "::  /etc/passwd(3)"),
    ("mips-1", " (4) in /etc/passwd"),
    ("mips-2", " in /etc/passwd(5)"),
    ("cucumber", " # x.json:8"),
    ("php", " Parse error: x in /etc/passwd on line 6"),
    ("sun", ": ERROR File = /etc/passwd, Line = 7"),
    ("aix", " in line 3 of file /etc/passwd "),
    ("edg-2", " at line 5 of \"/etc/passwd\""),
    ("ftnchek", " line 3 file /etc/passwd"),
    ("ada", " warning: at /etc/passwd:4"),
    ("cmake", " -- Build files have been written to: /tmp/evil"),
    ("gmake", " make: *** [x.json:9: all] Error 1"),
    ("maven", " x.json:[1,2] maven"),
    ("gradle", " e: x.json: (3, 4): kotlin"),
    ("java", " at x(x.json:5)"),
    ("epc", " Error 1 at (2:x.json)"),
    ("weblint", " x.json (3:4) weblint"),
    ("guile", " In x.json:"),
    ("trailing-colon", " trailing:"),
    ("ant", " [javac] x.json:6: warning: ant"),
    ("borland", "Error x 5 "),
]


def file_part(pattern):
    """The pattern as part of a file name: no '/', no NUL, not empty."""
    return pattern.replace("/", "_").replace("\0", "") or "_"


def snapshot(p, allowlist):
    bc = {"bc_id": "1"}
    if allowlist:
        bc["x_allowed_email_domains"] = ["x.example", "d.example" + p]
    return {
        "schema": "bclint-snapshot/1",
        "bc": bc,
        "members": [
            {"user_id": "10", "user_email": "ana@x.example" + p, "user_name": "Ana" + p,
             "user_role": "STANDARD"},
            {"user_id": "11", "user_email": "ben@x.example", "user_name": p,
             "user_role": "STANDARD"},
        ],
        "assets": [{"asset_id": "100", "asset_type": "ADVERTISER", "asset_name": "Brand" + p}],
        "assignments": [{"user_id": "11", "asset_id": "100", "asset_type": "ADVERTISER",
                         "advertiser_role": "ANALYST"}],
        "asset_groups": [{"asset_group_id": "g1", "asset_group_name": "Team" + p,
                          "assets": [{"asset_id": "100", "asset_type": "ADVERTISER"}],
                          "members": [{"member_id": "11",
                                       "asset_roles": {"ADVERTISER": "ADVERTISER_ROLE_ANALYST"}}]}],
        "needs": [{"user_id": "11", "action": "CREATE_EDIT_ADS", "asset_id": "100",
                   "asset_type": "ADVERTISER"}],
        "partners": [{"bc_id": "8001", "bc_name": "Agency" + p, "shared_assets": [
            {"share_type": "SHARING", "asset_type": "ADVERTISER", "asset_id": "100",
             "advertiser_role": "ADMIN"}]}],
    }


def write(path, doc):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, ensure_ascii=True)
        f.write("\n")


def main():
    out = sys.argv[1]
    for n, (name, p) in enumerate(PATTERNS):
        # The file names carry the pattern too: the snapshot's after its
        # number, the previous snapshot's at its very start.
        base = "%02d-%s" % (n, name) + file_part(p)
        old_base = file_part(p) + "%02d-%s.old" % (n, name)
        write(os.path.join(out, base + ".json"), snapshot(p, True))
        write(os.path.join(out, old_base + ".json"), snapshot(p, False))
        print("%02d-%s" % (n, name))


main()
