// 问责 records over HTTP: the 创建办 records a 约谈 for a unit with its issues and uploads the
// decision (checked like the photos); readers list, filter and export it; the summary counts it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type LedgerApp, startLedgerApp } from './ledger-app.ts'

const pdf = Buffer.from('%PDF-1.4\n% 约谈决定书\n')
const interview = {
  targetKind: 'unit',
  targetCode: 'urban-management',
  kind: 'interview',
  decidedOn: '2026-11-24',
  decidedBy: '县创建办',
  note: '逾期问题整改不力',
  issueIds: ['i-fixing'],
}

describe('/api/accountability', () => {
  let ledger: LedgerApp
  beforeAll(async () => {
    ledger = await startLedgerApp()
  })
  afterAll(async () => {
    await ledger.close()
  })

  test('the 创建办 records a 约谈 and its document; it is listed for the unit with its name', async () => {
    const admin = await ledger.login('admin')
    const made = await admin.post('/api/accountability', interview)
    expect(made.status).toBe(201)
    expect(made.body).toMatchObject({
      ...interview,
      targetName: '县城市管理局',
      recordedBy: 'admin',
    })
    const upload = await admin.send(`/api/accountability/${made.body.id}/document`, {
      method: 'POST',
      body: pdf,
      headers: { 'content-type': 'application/pdf', 'x-requested-with': 'fetch' },
    })
    expect(upload.status).toBe(201)
    const unit = await (await ledger.login('unit-um')).get(
      '/api/accountability?target=urban-management',
    )
    expect(unit.body.items).toHaveLength(1)
    expect(unit.body.items[0].document).toMatchObject({ contentType: 'application/pdf' })
    expect(JSON.stringify(unit.body)).not.toMatch(/accdoc-/) // the stored name stays inside
    const file = await admin.get(`/api/accountability/${made.body.id}/document`)
    expect(file.status).toBe(200)
    expect(file.bytes.equals(pdf)).toBe(true)
    // filters
    expect((await admin.get('/api/accountability?kind=exposure')).body.items).toEqual([])
    expect((await admin.get('/api/accountability?from=2026-11-25')).body.items).toEqual([])
    expect((await admin.get('/api/accountability?to=2026-11-24')).body.items).toHaveLength(1)
    const xlsx = await admin.get('/api/accountability/export.xlsx')
    expect(xlsx.status).toBe(200)
    expect(xlsx.headers.get('content-type')).toMatch(/spreadsheetml/)
    expect(xlsx.bytes.subarray(0, 2).toString()).toBe('PK')
    const summary = await ledger.anonymous.get('/api/accountability/summary?from=2026-11-01')
    expect(summary.body).toMatchObject({
      total: 1,
      byKind: [{ kind: 'interview', label: '约谈', count: 1 }],
      units: [{ code: 'urban-management', count: 1 }],
    })
  })

  test('a 督查通报 drafted for the period reports the steps decided in it', async () => {
    const admin = await ledger.login('admin')
    const draft = await admin.post('/api/supervision/bulletins', {
      period: 'custom',
      from: '2026-11-23',
      to: '2026-11-29',
    })
    expect(draft.status).toBe(201)
    const paragraphs: string[] = draft.body.content.accountability
    expect(paragraphs[0]).toMatch(/^本期共实施问责\d+起，其中/)
    const { issueNo } = (await admin.get('/api/issues/i-fixing')).body
    expect(issueNo).toMatch(/^\d{4}-\d{6}$/)
    // the 通报 names the issue by its 问题编号, not its id
    expect(paragraphs).toContain(
      `1. 2026年11月24日，县创建办对县城市管理局约谈，涉及问题${issueNo}（逾期问题整改不力）。`,
    )
    const earlier = await admin.post('/api/supervision/bulletins', {
      period: 'custom',
      from: '2026-11-02',
      to: '2026-11-08',
    })
    expect(earlier.body.content.accountability).toBeUndefined()
  })

  test('an issue is named by its 问题编号 (what the screens show) or its id; the list shows numbers', async () => {
    const admin = await ledger.login('admin')
    const { issueNo } = (await admin.get('/api/issues/i-market')).body
    const fixing = (await admin.get('/api/issues/i-fixing')).body
    expect(issueNo).toMatch(/^\d{4}-\d{6}$/)
    const made = await admin.post('/api/accountability', {
      ...interview,
      targetCode: 'market-regulation',
      issueIds: [issueNo, 'i-fixing', fixing.issueNo], // the last names i-fixing again
    })
    expect(made.status).toBe(201)
    expect(made.body.issueIds).toEqual(['i-market', 'i-fixing']) // kept as ids, once each
    expect(made.body.issueNos).toEqual([issueNo, fixing.issueNo])
    const listed = await admin.get('/api/accountability?target=market-regulation')
    expect(listed.body.items[0].issueNos).toEqual([issueNo, fixing.issueNo])
    const unknown = await admin.post('/api/accountability', {
      ...interview,
      issueIds: ['2031-000001'],
    })
    expect(unknown.body.errors).toEqual([
      { field: 'issueIds.0', message: '没有编号为 2031-000001 的问题' },
    ])
  })

  test('a document is checked like a photo: the type by its bytes, 5 MB at most', async () => {
    const admin = await ledger.login('admin')
    const { body } = await admin.post('/api/accountability', { ...interview, kind: 'criticism' })
    const send = (bytes: Buffer, type: string) =>
      admin.send(`/api/accountability/${body.id}/document`, {
        method: 'POST',
        body: bytes,
        headers: { 'content-type': type, 'x-requested-with': 'fetch' },
      })
    expect((await send(Buffer.from('MZ not a pdf'), 'application/pdf')).status).toBe(415)
    expect((await send(pdf, 'text/html')).status).toBe(415)
    expect((await send(Buffer.alloc(6 * 1024 * 1024, 0x25), 'application/pdf')).status).toBe(413)
    expect(
      (
        await admin.send('/api/accountability/acc-none/document', {
          method: 'POST',
          body: pdf,
          headers: { 'content-type': 'application/pdf', 'x-requested-with': 'fetch' },
        })
      ).status,
    ).toBe(404)
  })

  test('a bad record is a 400 in Chinese naming the field', async () => {
    const admin = await ledger.login('admin')
    const bad = await admin.post('/api/accountability', {
      ...interview,
      kind: 'fine',
      decidedOn: '24/11/2026',
    })
    expect(bad.status).toBe(400)
    const fields = Object.fromEntries(
      bad.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]),
    )
    expect(fields.kind).toMatch(/^问责方式须为 提醒谈话、约谈/)
    expect(fields.decidedOn).toBe('日期须为 YYYY-MM-DD')
    const unknown = await admin.post('/api/accountability', { ...interview, issueIds: ['i-none'] })
    expect(unknown.body.errors).toEqual([
      { field: 'issueIds.0', message: '没有编号为 i-none 的问题' },
    ])
    const township = await admin.post('/api/accountability', {
      ...interview,
      targetKind: 'township',
      targetCode: '532927102',
      issueIds: [],
    })
    expect(township.status).toBe(201)
    expect(township.body.targetName).not.toBe('532927102')
  })

  test('anonymous readers get the counts only, never the records or documents', async () => {
    expect((await ledger.anonymous.get('/api/accountability')).status).toBe(401)
    expect((await ledger.anonymous.get('/api/accountability/export.xlsx')).status).toBe(401)
  })
})
