// Photos in process: upload (raw body, ≤ 5 MB, JPEG/PNG/WebP by magic bytes) and download (its own
// type, nosniff), stored beside the database under generated names; every bad upload refused.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { sniffImageType } from '../../server/ledger/attachments.ts'
import { type Client, type LedgerApp, startLedgerApp } from './ledger-app.ts'

const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF photo bytes')])
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('IHDR…'),
])
const webp = Buffer.concat([
  Buffer.from('RIFF'),
  Buffer.from([0x10, 0, 0, 0]),
  Buffer.from('WEBPVP8 …'),
])
const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')

let ledger: LedgerApp
let unit: Client
beforeAll(async () => {
  ledger = await startLedgerApp()
  unit = await ledger.login('unit-um')
})
afterAll(async () => {
  await ledger.close()
})

const upload = (who: Client, id: string, body: Buffer, contentType: string | undefined) =>
  who.send(`/api/issues/${id}/attachments`, {
    method: 'POST',
    body,
    headers: {
      'x-requested-with': 'fetch',
      ...(contentType ? { 'content-type': contentType } : {}),
    },
  })

describe('sniffImageType', () => {
  test.each([
    [jpeg, 'image/jpeg'],
    [png, 'image/png'],
    [webp, 'image/webp'],
    [svg, undefined],
    [Buffer.from('RIFF\0\0\0\0WAVE'), undefined],
    [Buffer.from([0xff, 0xd8]), undefined],
    [Buffer.alloc(0), undefined],
  ])('%#: → %s', (bytes, type) => {
    expect(sniffImageType(bytes)).toBe(type)
  })
})

describe('POST /api/issues/:id/attachments', () => {
  test.each([
    ['image/jpeg', jpeg, 'jpg'],
    ['image/png', png, 'png'],
    ['image/webp', webp, 'webp'],
  ])(
    '%s is stored under a generated name and served back with its type and nosniff',
    async (type, bytes, extension) => {
      const reply = await upload(unit, 'i-fixing', bytes, type)
      expect(reply.status).toBe(201)
      expect(reply.body).toEqual({
        id: expect.stringMatching(/^att-[0-9a-f]{24}$/),
        issueId: 'i-fixing',
        contentType: type,
        bytes: bytes.length,
        createdAt: '2026-11-22T08:00:00Z',
        url: `${ledger.app.url}/api/attachments/${reply.body.id}`,
      })
      const file = join(ledger.attachmentsDir, `${reply.body.id}.${extension}`)
      expect(readFileSync(file)).toEqual(bytes)
      const served = await ledger.display.get(`/api/attachments/${reply.body.id}`)
      expect(served.status).toBe(200)
      expect(served.headers.get('content-type')).toBe(type)
      expect(served.headers.get('x-content-type-options')).toBe('nosniff')
      expect(served.bytes).toEqual(bytes)
    },
  )

  test('a charset parameter on the type is fine', async () => {
    expect((await upload(unit, 'i-fixing', png, 'image/png; charset=binary')).status).toBe(201)
  })

  test('the detail lists the photos', async () => {
    const detail = await unit.get('/api/issues/i-fixing')
    expect(detail.body.attachments.length).toBeGreaterThanOrEqual(3)
    expect(
      detail.body.attachments.every((a: { issueId: string }) => a.issueId === 'i-fixing'),
    ).toBe(true)
  })

  test.each([
    ['an SVG', svg, 'image/svg+xml', 415],
    ['an SVG claiming to be a PNG', svg, 'image/png', 415],
    ['a PNG claiming to be a JPEG', png, 'image/jpeg', 415],
    ['a PDF', Buffer.from('%PDF-1.7'), 'application/pdf', 415],
    ['HTML', Buffer.from('<html><script>alert(1)</script>'), 'text/html', 415],
    ['JSON', Buffer.from('{"a":1}'), 'application/json', 415],
    ['no content type', jpeg, undefined, 415],
    ['an empty JPEG', Buffer.alloc(0), 'image/jpeg', 400],
    ['a JPEG over 5 MB', Buffer.concat([jpeg, Buffer.alloc(5 * 1024 * 1024)]), 'image/jpeg', 413],
  ])('%s is refused', async (_, body, type, status) => {
    const before = readdirSync(ledger.attachmentsDir).length
    const reply = await upload(unit, 'i-fixing', body, type)
    expect(reply.status).toBe(status)
    expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(readdirSync(ledger.attachmentsDir)).toHaveLength(before)
  })

  test('exactly 5 MB is accepted', async () => {
    const body = Buffer.concat([jpeg, Buffer.alloc(5 * 1024 * 1024 - jpeg.length)])
    expect((await upload(unit, 'i-fixing', body, 'image/jpeg')).status).toBe(201)
  })

  test.each([
    ['anonymous', undefined, 'i-fixing', 401],
    ['another unit', 'unit-market', 'i-fixing', 403],
    ['the commander', 'commander', 'i-fixing', 403],
    ['an unknown issue', 'unit-um', 'nope', 404],
  ])('%s → %i', async (_, who, id, status) => {
    const client = who ? await ledger.login(who) : ledger.anonymous
    expect((await upload(client, id, jpeg, 'image/jpeg')).status).toBe(status)
  })

  test('without the CSRF header an upload is 403', async () => {
    const reply = await unit.send('/api/issues/i-fixing/attachments', {
      method: 'POST',
      body: jpeg,
      headers: { 'content-type': 'image/jpeg' },
    })
    expect(reply.status).toBe(403)
  })

  test('an unknown attachment is 404', async () => {
    expect((await ledger.display.get('/api/attachments/att-000000000000000000000000')).status).toBe(
      404,
    )
    expect((await ledger.display.get('/api/attachments/..%2F..%2Fpackage.json')).status).toBe(404)
  })
})
