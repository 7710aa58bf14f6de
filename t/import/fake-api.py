#!/usr/bin/env python3
"""A stand-in for TikTok's Business API, for testing contrib/bclint-fetch.

Usage: fake-api.py PAGES_DIR PORT_FILE LOG_FILE [LIMITS_FILE]

Listens on 127.0.0.1 on a free port (written to PORT_FILE once listening)
and answers GET /open_api/v1.3/<endpoint>?... with the recorded page
PAGES_DIR/<name>[.<param>...].p<page>.json (the bclint-import(1) file
names), or with an error envelope: a wrong Access-Token, a wrong bc_id or
an unrecorded page.  Each request's path and sorted query go to LOG_FILE,
one line each, so that the test counts them.

LIMITS_FILE, read at every request, holds lines "ENDPOINT COUNT KIND":
the next COUNT requests of ENDPOINT (e.g. /bc/member/get/) are answered
with KIND instead -- 40100 (rate limited) or 50002 (server error) as API
codes in an HTTP 200 response, or http429, http503: that HTTP status --
and COUNT goes down by one in the file each time.
"""
import json
import os
import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer

PREFIX = "/open_api/v1.3"
TOKEN = "test-token"
BC_ID = "7300000000000000001"
ROUTES = {
    "/bc/get/": ("bc", []),
    "/bc/member/get/": ("member", []),
    "/bc/asset/admin/get/": ("asset_admin", ["asset_type"]),
    "/bc/asset/member/get/": ("asset_member", ["asset_type", "asset_id"]),
    "/bc/partner/get/": ("partner", []),
    "/bc/partner/asset/get/": ("partner_asset", ["partner_id", "asset_type", "share_type"]),
    "/bc/asset_group/list/": ("asset_group_list", []),
    "/bc/asset_group/get/": ("asset_group", ["asset_group_id", "query_entity"]),
    "/changelog/get/": ("changelog", []),
}
MESSAGES = {
    "40100": "Due to too many requests, requests from this app are temporarily restricted",
    "50002": "Server error",
}


def limited(endpoint):
    """The KIND the limits file holds for endpoint (using it up), or None."""
    if len(sys.argv) < 5 or not os.path.exists(sys.argv[4]):
        return None
    with open(sys.argv[4]) as f:
        lines = f.read().split("\n")
    for i, line in enumerate(lines):
        words = line.split()
        if len(words) == 3 and words[0] == endpoint and int(words[1]) > 0:
            lines[i] = "%s %d %s" % (words[0], int(words[1]) - 1, words[2])
            with open(sys.argv[4], "w") as f:
                f.write("\n".join(lines))
            return words[2]
    return None


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        with open(sys.argv[3], "a") as log:
            log.write("%s %s\n" % (url.path, "&".join(
                "%s=%s" % kv for kv in sorted(query.items()))))
        status, body = 200, None
        kind = limited(url.path[len(PREFIX):])
        if kind is not None and kind.startswith("http"):
            status, body = int(kind[4:]), b"<html>unavailable</html>"
        elif kind is not None:
            body = {"code": int(kind), "message": MESSAGES.get(kind, "error"),
                    "request_id": "fake-" + kind, "data": {}}
        else:
            body = self.answer(url.path, query)
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def answer(self, path, query):
        def error(code, message):
            return {"code": code, "message": message, "request_id": "fake-%d" % code, "data": {}}
        if self.headers.get("Access-Token") != TOKEN:
            return error(40105, "Access token is invalid")
        route = ROUTES.get(path[len(PREFIX):]) if path.startswith(PREFIX) else None
        if route is None:
            return error(40002, "no such endpoint: " + path)
        if query.get("bc_id") != BC_ID:
            return error(40001, "No permission to operate Business Center")
        name, params = route
        parts = [name] + [query.get(p, "") for p in params] + ["p" + query.get("page", "1")]
        file = os.path.join(sys.argv[1], ".".join(parts) + ".json")
        if not os.path.exists(file):
            return error(40002, "no recorded page " + os.path.basename(file))
        with open(file, "rb") as f:
            return f.read()

    def log_message(self, *args):
        pass


def main():
    server = HTTPServer(("127.0.0.1", 0), Handler)
    tmp = sys.argv[2] + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % server.server_address[1])
    os.rename(tmp, sys.argv[2])
    server.serve_forever()


if __name__ == "__main__":
    main()
