// The phone app's service worker (scope /m): keeps the app shell so /m opens without a network.
// Built by scripts/pwa-plugin.ts, which replaces the two placeholders below with this build's id and
// the files /m needs (index.html, the entry, the phone app's chunks and styles, manifest and icons).
// Pages: network first, the cached index.html when offline. Hashed /assets/ files: cache first (their
// names change with their content). The API is never cached: it holds personal data.
/* global self, caches, fetch, URL, Response */

const buildId = '__BUILD_ID__'
const precache = /** @type {string[]} */ (JSON.parse('__PRECACHE__'))
const cacheName = `weishan-m-${buildId}`
const base = new URL('./', self.location.href) // the app's root, also behind a sub-path

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(cacheName)
      .then((cache) => cache.addAll(precache.map((path) => new URL(path, base).href)))
      .then(() => self.skipWaiting()),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((n) => n.startsWith('weishan-m-') && n !== cacheName)
            .map((n) => caches.delete(n)),
        ),
      )
      .then(() => self.clients.claim()),
  )
})

// the page hands over what it loaded before this worker took control (fonts, lazy chunks)
self.addEventListener('message', (event) => {
  const data = event.data
  if (data?.type !== 'cache-urls' || !Array.isArray(data.urls)) return
  const urls = data.urls.filter((u) => typeof u === 'string' && isAsset(new URL(u)))
  event.waitUntil(
    caches
      .open(cacheName)
      .then((cache) =>
        Promise.all(
          urls.map((u) => cache.match(u).then((hit) => hit ?? cache.add(u).catch(() => undefined))),
        ),
      ),
  )
})

function isAsset(url) {
  return url.origin === base.origin && url.pathname.startsWith(`${base.pathname}assets/`)
}

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== base.origin) return
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request).catch(() =>
        caches.match(new URL('index.html', base).href).then((hit) => hit ?? Response.error()),
      ),
    )
    return
  }
  const shell = precache.some((path) => new URL(path, base).href === url.href)
  if (!isAsset(url) && !shell) return // the API and the map data go to the network as usual
  event.respondWith(
    caches.match(request).then(
      (hit) =>
        hit ??
        fetch(request).then((response) => {
          if (response.ok && isAsset(url)) {
            const copy = response.clone()
            event.waitUntil(caches.open(cacheName).then((cache) => cache.put(request, copy)))
          }
          return response
        }),
    ),
  )
})
