// Content negotiation: an explicit `f` wins, otherwise the Accept header; `*/*` or no Accept gets
// the first (JSON) offer, as OWSLib's `Accept: */*` needs.
import type { Request } from 'express'
import { NotAcceptable } from '../ogc/exception.ts'
import type { OutputFormat } from '../ogc/parse-query.ts'

/** The media type to answer with, from `offers` (JSON first). Throws NotAcceptable (406). */
export function negotiate(req: Request, offers: readonly string[], f?: OutputFormat): string {
  if (f === 'html') {
    if (offers.includes('text/html')) return 'text/html'
    throw new NotAcceptable('此资源没有 HTML 格式（f=html 仅适用于首页地图）')
  }
  if (f === 'json') return offers[0] as string
  const accepted = req.accepts([...offers])
  if (!accepted) {
    throw new NotAcceptable(`无法提供 Accept 请求头要求的格式；可用：${offers.join(', ')}`)
  }
  return accepted
}
