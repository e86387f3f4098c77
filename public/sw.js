// Customer Insight's service worker: after one visit the app loads with the network off.
// The post-build step (scripts/post_build.py) fills in the list of built, hashed assets
// and a version derived from their contents, so a new build installs a new cache and
// deletes the old one. Nothing here talks to another origin.
const VERSION = "__CACHE_VERSION__";
const PRECACHE = __PRECACHE_LIST__;
const CACHE = `customer-insight-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith("customer-insight-") && key !== CACHE)
            .map((key) => caches.delete(key))
        )
      )
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === "navigate") {
    // Pages: the network first (a new build shows at once), the cached shell offline.
    // Every route is the same single-page app, so any address falls back to index.html.
    event.respondWith(
      fetch(request).catch(() =>
        caches.match("/index.html").then((response) => response || Response.error())
      )
    );
    return;
  }

  // Hashed assets never change under the same name: the cache first.
  event.respondWith(
    caches.match(request).then((cached) => cached || fetch(request))
  );
});
