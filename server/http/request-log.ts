// One log line per request: method, URL as sent, status, duration. Tests read it to see what a
// client actually asked for (e.g. that GDAL sent kind=fixed).
import type { RequestHandler } from 'express'

export type LogLine = (line: string) => void

const maxUrlLength = 2000 // characters; longer URLs are cut in the log, not in the request

/** Secrets never reach the log: `token=` (the wall's display token) in any query is masked. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:access_)?token=)[^&#]*/gi, '$1***')
}

export function requestLog(log: LogLine): RequestHandler {
  return (req, res, next) => {
    const started = performance.now()
    let logged = false
    const write = (status: string) => {
      if (logged) return
      logged = true
      const original = redactUrl(req.originalUrl)
      const url = original.length > maxUrlLength ? `${original.slice(0, maxUrlLength)}…` : original
      log(`${req.method} ${url} ${status} ${(performance.now() - started).toFixed(1)}ms`)
    }
    res.on('finish', () => write(String(res.statusCode)))
    res.on('close', () => write(res.writableFinished ? String(res.statusCode) : 'aborted'))
    next()
  }
}
