#!/usr/bin/env python3
"""A stand-in for TikTok's Business API, for testing contrib/bclint-fetch.

Usage: fake-api.py PAGES_DIR PORT_FILE LOG_FILE

Listens on 127.0.0.1 on a free port (written to PORT_FILE once listening)
and answers GET /open_api/v1.3/<endpoint>?... with the recorded page
PAGES_DIR/<name>[.<param>...].p<page>.json (the bclint-import(1) file
names), or with an error envelope: a wrong Access-Token, a wrong bc_id or
an unrecorded page.  Each request's path and sorted query go to LOG_FILE.
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
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        with open(sys.argv[3], "a") as log:
            log.write("%s %s\n" % (url.path, "&".join(
                "%s=%s" % kv for kv in sorted(query.items()))))
        body = self.answer(url.path, query)
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(200)
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
