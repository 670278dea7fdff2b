// Security headers on every answer (pages, API, files): a CSP the built client really runs under,
// who may frame the pages, no referrer, no MIME sniffing.
import type { RequestHandler } from 'express'

/**
 * The client's needs, each for a reason:
 * - script-src 'self': Vite emits module files only, no inline script, no eval;
 * - worker-src 'self' blob:: MapLibre's worker file, and the blob: workers MapLibre/loaders may spawn;
 * - style-src 'unsafe-inline': React `style={…}` attributes and MapLibre's own element styles;
 * - img-src data: blob:: MapLibre sprites/markers, ECharts' and deck.gl's canvas exports, `<link rel=icon href="data:,">`;
 * - font-src data:: @fontsource CSS may inline small fonts;
 * - connect-src data:: deck.gl fetches the check points' and plans' icon atlases, SVG data: URLs
 *   (blocked, the IconLayer never loads and the map never reports ready).
 */
export function contentSecurityPolicy(frameAncestors: string, tileOrigins: string[] = []): string {
  // configured base-map tile services (BASE_MAPS_FILE): MapLibre fetches their tiles, images or not
  const tiles = tileOrigins.map((origin) => ` ${origin}`).join('')
  return [
    "default-src 'self'",
    "script-src 'self'",
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    `img-src 'self' data: blob:${tiles}`,
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    `connect-src 'self' data:${tiles}`, // deck.gl fetches its icon atlas from a data: URL
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ')
}

/** tileOrigins: the base-map tile services' origins. frameAncestors: a CSP source list, e.g. `'none'` (default), `'self'` or `https://screen.example.cn`. */
export function securityHeaders(
  frameAncestors = "'none'",
  tileOrigins: string[] = [],
): RequestHandler {
  const csp = contentSecurityPolicy(frameAncestors, tileOrigins)
  // X-Frame-Options for old browsers: it can only say DENY or SAMEORIGIN
  const frameOptions =
    frameAncestors === "'none'" ? 'DENY' : frameAncestors === "'self'" ? 'SAMEORIGIN' : undefined
  return (_req, res, next) => {
    res.setHeader('Content-Security-Policy', csp)
    if (frameOptions) res.setHeader('X-Frame-Options', frameOptions)
    res.setHeader('Referrer-Policy', 'no-referrer')
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
    next()
  }
}
