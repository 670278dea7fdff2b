// Idempotency-Key in process: a retried write is answered again, not run again; the same key for
// another request is 422; keys are per user and expire after idempotencyKeyTtlMs (24 h). Runs on
// PostGIS too (npm run test:postgis).
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { idempotencyKeyTtlMs, requestHashOf } from '../../server/http/idempotency.ts'
import { type Client, type LedgerApp, places, startLedgerApp } from './ledger-app.ts'

const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF photo bytes')])

describe('Idempotency-Key', () => {
  let ledger: LedgerApp
  let inspector: Client
  let member: Client
  beforeAll(async () => {
    ledger = await startLedgerApp()
    inspector = await ledger.login('inspector')
    member = await ledger.login('member-nanzhao')
  })
  afterAll(async () => {
    await ledger.close()
  })

  const report = (description: string) => ({
    lngLat: places.seat.lngLat,
    category: 'graffiti',
    description,
  })
  const issueCount = async () =>
    (
      await ledger.store.listIssues({
        sort: { key: 'reportedAt', descending: true },
        limit: 1,
        offset: 0,
        now: ledger.clock.now,
      })
    ).total

  test('the same report sent twice with one key creates one issue and answers the same both times', async () => {
    const before = await issueCount()
    const key = { 'idempotency-key': 'report-0001-aaaa' }
    const first = await inspector.post('/api/issues', report('墙面小广告一处'), key)
    const again = await inspector.post('/api/issues', report('墙面小广告一处'), key)
    expect(first.status).toBe(201)
    expect(again.status).toBe(201)
    expect(again.body).toEqual(first.body)
    expect(first.headers.get('idempotent-replayed')).toBeNull()
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(await issueCount()).toBe(before + 1)
  })

  test('a transition replayed with its key is applied once: no second event, no 409', async () => {
    const key = { 'idempotency-key': 'rectify-i-fixing-1' }
    const body = { action: 'rectify', version: 1, note: '已清理' }
    const first = await member.post('/api/issues/i-fixing/transitions', body, key)
    const again = await member.post('/api/issues/i-fixing/transitions', body, key)
    expect(first.status).toBe(200)
    expect(again.status).toBe(200)
    expect(again.body.version).toBe(first.body.version)
    const rectified = (await ledger.store.issueEvents('i-fixing')).filter(
      (e) => e.action === 'rectify',
    )
    expect(rectified).toHaveLength(1)
    // without the key, the same request is a new one and meets the changed version
    expect((await member.post('/api/issues/i-fixing/transitions', body)).status).toBe(409)
  })

  test('the same key with another body or another path is 422 with a Chinese reason, and runs nothing', async () => {
    const key = { 'idempotency-key': 'report-0002-bbbb' }
    expect((await inspector.post('/api/issues', report('井盖破损'), key)).status).toBe(201)
    const before = await issueCount()
    const otherBody = await inspector.post('/api/issues', report('井盖破损两处'), key)
    expect(otherBody.status).toBe(422)
    expect(otherBody.body.detail).toMatch(/Idempotency-Key 已用于另一个不同的请求/)
    const otherPath = await inspector.post('/api/issues/i-pending/notes', { note: '补充' }, key)
    expect(otherPath.status).toBe(422)
    expect(await issueCount()).toBe(before)
  })

  test('a refusal is kept as well: the same request gets the same 403 again', async () => {
    const key = { 'idempotency-key': 'report-outside-1' }
    const outside = { ...report('墙面小广告'), lngLat: places.miaojie.lngLat }
    const first = await member.post('/api/issues', outside, key)
    const again = await member.post('/api/issues', outside, key)
    expect(first.status).toBe(403)
    expect(again.status).toBe(403)
    expect(again.headers.get('content-type')).toMatch(/problem\+json/)
    expect(again.body).toEqual(first.body)
  })

  test('keys belong to their user: another user with the same key gets their own answer', async () => {
    const key = { 'idempotency-key': 'shared-key-0001' }
    const mine = await inspector.post('/api/issues', report('护栏损坏'), key)
    const theirs = await member.post('/api/issues', report('护栏损坏'), key)
    expect(mine.status).toBe(201)
    expect(theirs.status).toBe(201)
    expect(theirs.body.id).not.toBe(mine.body.id)
  })

  test('a photo upload replayed with its key stores one photo; other bytes with that key are 422', async () => {
    const upload = (bytes: Buffer) =>
      inspector.send('/api/issues/i-pending/attachments', {
        method: 'POST',
        body: bytes,
        headers: {
          'content-type': 'image/jpeg',
          'x-requested-with': 'fetch',
          'idempotency-key': 'photo-0001-cccc',
        },
      })
    const first = await upload(jpeg)
    const again = await upload(jpeg)
    expect(first.status).toBe(201)
    expect(again.body.id).toBe(first.body.id)
    expect(await ledger.store.issueAttachments('i-pending')).toHaveLength(1)
    const other = await upload(Buffer.concat([jpeg, Buffer.from('more')]))
    expect(other.status).toBe(422)
  })

  test('while the first request with a key runs, a second one is 409', async () => {
    const nowMs = ledger.clock.now.getTime()
    const hash = requestHashOf({ method: 'POST', originalUrl: '/api/issues', body: report('占道') })
    await ledger.store.claimIdempotencyKey('inspector', 'running-0001', hash, nowMs, nowMs + 1000)
    const reply = await inspector.post('/api/issues', report('占道'), {
      'idempotency-key': 'running-0001',
    })
    expect(reply.status).toBe(409)
    expect(reply.body.detail).toMatch(/正在处理中/)
  })

  test('a malformed key is a 400 naming the header', async () => {
    const reply = await inspector.post('/api/issues', report('占道'), { 'idempotency-key': 'x' })
    expect(reply.status).toBe(400)
    expect(reply.body.detail).toMatch(/Idempotency-Key/)
  })

  test('a key expires after 24 hours: then the same request runs again', async () => {
    expect(idempotencyKeyTtlMs).toBe(24 * 3_600_000)
    const key = { 'idempotency-key': 'report-expiry-01' }
    const first = await inspector.post('/api/issues', report('绿化带垃圾'), key)
    const start = ledger.clock.now
    try {
      // sessions last 12 hours: sign in again at each instant
      ledger.clock.now = new Date(start.getTime() + idempotencyKeyTtlMs - 1)
      const within = await (await ledger.login('inspector')).post(
        '/api/issues',
        report('绿化带垃圾'),
        key,
      )
      expect(within.body.id).toBe(first.body.id)
      ledger.clock.now = new Date(start.getTime() + idempotencyKeyTtlMs)
      const after = await (await ledger.login('inspector')).post(
        '/api/issues',
        report('绿化带垃圾'),
        key,
      )
      expect(after.status).toBe(201)
      expect(after.body.id).not.toBe(first.body.id)
    } finally {
      ledger.clock.now = start
    }
  })
})
