// Registers the service worker (dist/sw.js, built by vite.config.ts) for the /m scope, and hands it
// the files this page already loaded (fonts, chunks) so a later start without network finds them.

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return
  const script = new URL('sw.js', document.baseURI)
  const scope = new URL('m', document.baseURI)
  navigator.serviceWorker
    .register(script, { scope: scope.pathname })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      const loaded = performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter(
          (url) => url.startsWith(location.origin) && new URL(url).pathname.includes('/assets/'),
        )
      registration.active?.postMessage({ type: 'cache-urls', urls: loaded })
    })
    .catch(() => {
      // no offline start (private mode, an old WebView): the app works online as before
    })
}

/** The web app manifest, theme colour and home-screen icon: only the phone app is installable. */
export function linkManifest(): void {
  const add = (tag: 'link' | 'meta', attributes: Record<string, string>) => {
    const element = document.createElement(tag)
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value)
    document.head.append(element)
  }
  if (document.querySelector('link[rel="manifest"]')) return
  add('link', { rel: 'manifest', href: 'manifest.webmanifest' })
  add('link', { rel: 'apple-touch-icon', href: 'icons/icon-192.png' })
  add('meta', { name: 'theme-color', content: '#16324f' })
}
