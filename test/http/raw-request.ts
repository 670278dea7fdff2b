// A request sent byte-for-byte as given (fetch would normalise `/../` and encodings away).
import { request } from 'node:http'

export interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

export function rawRequest(
  port: number,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: init.method ?? 'GET',
        // GET bodies are not chunked by Node's client, so say how long they are
        headers:
          init.body === undefined
            ? init.headers
            : { 'content-length': String(Buffer.byteLength(init.body)), ...init.headers },
        insecureHTTPParser: true,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        )
        res.on('error', reject)
      },
    )
    req.setTimeout(10_000, () =>
      req.destroy(new Error(`timeout: ${init.method ?? 'GET'} ${path.slice(0, 100)}`)),
    )
    req.on('error', reject)
    if (init.body !== undefined) req.write(init.body)
    req.end()
  })
}
