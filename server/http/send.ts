// Writes a JSON-family response with the negotiated media type; bodies may be prebuilt text.
import type { Response } from 'express'

export function sendJson(res: Response, mediaType: string, body: unknown): void {
  res.vary('Accept')
  res.type(mediaType).send(typeof body === 'string' ? body : JSON.stringify(body))
}

/**
 * A prebuilt body that is never sent twice (it carries its own timeStamp), so it gets no ETag:
 * hashing a 350 kB items page for a tag no request can match costs ≈ 0.3 ms.
 */
export function sendUnrepeatable(res: Response, mediaType: string, body: Buffer): void {
  res.vary('Accept')
  res.type(mediaType).setHeader('Content-Length', body.length)
  res.end(body) // a HEAD request gets the headers only (Node drops the body)
}
