// Writes a JSON-family response with the negotiated media type; bodies may be prebuilt text.
import type { Response } from 'express'

export function sendJson(res: Response, mediaType: string, body: unknown): void {
  res.vary('Accept')
  res.type(mediaType).send(typeof body === 'string' ? body : JSON.stringify(body))
}
