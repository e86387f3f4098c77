#!/usr/bin/env python3
"""Trunk post-build hook: runs with TRUNK_STAGING_DIR holding the built, hashed files.

1. Adds the SHA-256 of each inline script Trunk wrote (its wasm loader) to the
   Content-Security-Policy's script-src, so no 'unsafe-inline' is needed.
2. Writes the precache list (every built file) and a version derived from the files'
   contents into the service worker: a new build gets a new cache, the old one is
   deleted on activation.
"""
import base64
import hashlib
import json
import os
import re
import sys


def main() -> int:
    staging = os.environ.get("TRUNK_STAGING_DIR")
    if not staging or not os.path.isdir(staging):
        print("post_build: TRUNK_STAGING_DIR is not set; run through trunk build", file=sys.stderr)
        return 1

    index_path = os.path.join(staging, "index.html")
    with open(index_path, encoding="utf-8") as f:
        html = f.read()

    hashes = []
    for match in re.finditer(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S):
        digest = hashlib.sha256(match.group(1).encode("utf-8")).digest()
        hashes.append("'sha256-%s'" % base64.b64encode(digest).decode("ascii"))
    if hashes:
        html, count = re.subn(
            r"(script-src 'self')",
            lambda m: m.group(1) + " " + " ".join(hashes),
            html,
            count=1,
        )
        if count != 1:
            print("post_build: index.html has no CSP script-src 'self' to extend", file=sys.stderr)
            return 1
    with open(index_path, "w", encoding="utf-8") as f:
        f.write(html)

    files = []
    for root, _dirs, names in os.walk(staging):
        for name in names:
            rel = os.path.relpath(os.path.join(root, name), staging).replace(os.sep, "/")
            if rel != "sw.js":
                files.append(rel)
    files.sort()
    version = hashlib.sha256()
    for rel in files:
        version.update(rel.encode("utf-8"))
        with open(os.path.join(staging, rel), "rb") as f:
            version.update(f.read())
    precache = ["/"] + ["/" + rel for rel in files]

    sw_path = os.path.join(staging, "sw.js")
    with open(sw_path, encoding="utf-8") as f:
        sw = f.read()
    if "__PRECACHE_LIST__" not in sw or "__CACHE_VERSION__" not in sw:
        print("post_build: sw.js lacks its placeholders", file=sys.stderr)
        return 1
    sw = sw.replace("__PRECACHE_LIST__", json.dumps(precache, indent=2))
    sw = sw.replace("__CACHE_VERSION__", version.hexdigest()[:16])
    with open(sw_path, "w", encoding="utf-8") as f:
        f.write(sw)
    print(f"post_build: {len(precache)} files precached, CSP has {len(hashes)} script hash(es)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
