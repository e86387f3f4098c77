#!/usr/bin/env python3
"""Serves the built app (dist/) on 127.0.0.1 for `make run` and the end-to-end tests.

A single-page app: any address that is not a file gets index.html, so deep links such
as /customers work on reload. index.html and sw.js are never cached by the browser's
HTTP cache, so a new build is picked up at once.
"""
import argparse
import functools
import http.server
import os
import socketserver
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".webmanifest": "application/manifest+json",
        ".svg": "image/svg+xml",
    }

    def send_head(self):
        path = self.translate_path(self.path)
        if not os.path.exists(path) and "." not in os.path.basename(self.path.split("?")[0]):
            self.path = "/index.html"
        return super().send_head()

    def end_headers(self):
        name = self.path.split("?")[0]
        if name in ("/", "/index.html", "/sw.js") or "." not in os.path.basename(name):
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, fmt, *args):
        if os.environ.get("SERVE_QUIET") != "1":
            super().log_message(fmt, *args)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8080")))
    parser.add_argument("--dir", default="dist")
    args = parser.parse_args()
    if not os.path.isfile(os.path.join(args.dir, "index.html")):
        print(f"serve: {args.dir}/index.html is missing; build the app first (make run does)", file=sys.stderr)
        return 1
    handler = functools.partial(Handler, directory=args.dir)
    with Server(("127.0.0.1", args.port), handler) as httpd:
        print(f"Customer Insight is served on http://127.0.0.1:{args.port}/ (Ctrl+C stops it)", flush=True)
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
