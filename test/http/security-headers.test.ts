// Security headers on every kind of answer, the frame-ancestors setting, and a wall session's
// display token never reaching the request log.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { redactUrl } from '../../server/http/request-log.ts'
import { type LedgerApp, startLedgerApp } from './ledger-app.ts'

let ledger: LedgerApp
let distDir: string
beforeAll(async () => {
  distDir = mkdtempSync(join(tmpdir(), 'weishan-dist-'))
  writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>t</title>')
  ledger = await startLedgerApp({ config: { distDir } })
})
afterAll(async () => {
  await ledger.close()
  rmSync(distDir, { recursive: true, force: true })
})

describe('security headers', () => {
  test.each([
    ['a page', '/wall', 200],
    ['an OGC answer', '/collections', 200],
    ['an API answer', '/api/units', 200],
    ['a 404 problem', '/api/nothing-here', 404],
    ['a 401 problem', '/api/users', 401],
  ])('%s (%s → %i) carries CSP, frame, referrer and nosniff headers', async (_, path, status) => {
    const reply = await ledger.anonymous.get(path, {
      accept: path === '/wall' ? 'text/html' : '*/*',
    })
    expect(reply.status).toBe(status)
    const csp = reply.headers.get('content-security-policy') ?? ''
    expect(csp).toMatch(/script-src 'self'(;|$)/)
    expect(csp).toMatch(/worker-src 'self' blob:/)
    expect(csp).toMatch(/frame-ancestors 'none'/)
    expect(csp).not.toMatch(/unsafe-eval/)
    expect(reply.headers.get('x-frame-options')).toBe('DENY')
    expect(reply.headers.get('referrer-policy')).toBe('no-referrer')
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff')
  })

  test('FRAME_ANCESTORS lets a named command-centre page frame the wall', async () => {
    const framed = await startLedgerApp({
      config: { distDir, frameAncestors: "'self' https://screen.example.cn" },
    })
    try {
      const reply = await framed.anonymous.get('/wall', { accept: 'text/html' })
      expect(reply.headers.get('content-security-policy')).toMatch(
        /frame-ancestors 'self' https:\/\/screen\.example\.cn/,
      )
      expect(reply.headers.get('x-frame-options')).toBeNull() // it cannot name an origin
    } finally {
      await framed.close()
    }
  })
})

describe('the display token stays out of the log', () => {
  test('redactUrl masks token wherever it sits in the query', () => {
    expect(redactUrl('/api/events/stream?token=abc.DEF-123&x=1')).toBe(
      '/api/events/stream?token=***&x=1',
    )
    expect(redactUrl('/wall?township=1&TOKEN=abc')).toBe('/wall?township=1&TOKEN=***')
    expect(redactUrl('/api/x?notatoken=1')).toBe('/api/x?notatoken=1')
  })

  test('after a wall session (page, stats, live stream) the log holds no token', async () => {
    const token = ledger.displayToken
    const q = `token=${encodeURIComponent(token)}`
    const page = await ledger.anonymous.get(`/wall?${q}&township=532927101`, {
      accept: 'text/html',
    })
    expect(page.status).toBe(200)
    expect((await ledger.anonymous.get(`/api/stats/kpis?${q}`)).status).toBe(200)
    const controller = new AbortController()
    const stream = await fetch(`${ledger.app.url}/api/events/stream?${q}`, {
      signal: controller.signal,
    })
    expect(stream.status).toBe(200)
    controller.abort()
    await new Promise((resolve) => setTimeout(resolve, 50)) // let the aborted stream log its line
    const log = ledger.app.logs.join('\n')
    expect(log).toMatch(/\/api\/stats\/kpis\?token=\*\*\*/)
    expect(log).not.toContain(token)
    expect(log).not.toContain(encodeURIComponent(token))
  })
})
