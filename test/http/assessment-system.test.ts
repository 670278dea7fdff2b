// The 测评体系 over HTTP: anyone who may read lists and reads it; the XLSX export imported again by an
// administrator gives the same system back; nobody else may import, and a bad file imports nothing.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { xlsxType } from '../../server/assessment/system-service.ts'
import { toSystemXlsx } from '../../server/assessment/system-xlsx.ts'
import { place } from '../../server/config/place.ts'
import { type LedgerApp, startLedgerApp } from './ledger-app.ts'

const upload = (bytes: Uint8Array, type = xlsxType) => ({
  method: 'POST',
  body: bytes,
  headers: { 'content-type': type, 'x-requested-with': 'fetch' },
})

describe('/api/assessment/systems', () => {
  let ledger: LedgerApp
  beforeAll(async () => {
    ledger = await startLedgerApp()
  })
  afterAll(async () => {
    await ledger.close()
  })

  test('lists the seeded 示意 year with its counts and the place profile’s shares', async () => {
    const reply = await ledger.anonymous.get('/api/assessment/systems')
    expect(reply.status).toBe(200)
    expect(reply.body.items).toEqual([
      expect.objectContaining({
        year: 2026,
        illustrative: true,
        counts: { items: 12, contents: 30, standards: 62, veto: 3 },
        totals: place.assessment.shares,
      }),
    ])
  })

  test('reads one year, 404 for another or a malformed one', async () => {
    const reply = await ledger.anonymous.get('/api/assessment/systems/2026')
    expect(reply.status).toBe(200)
    expect(reply.body.items[2].contents[1].standards[0]).toEqual(
      expect.objectContaining({
        code: '03-02-01',
        method: 'field',
        leadUnits: ['market-regulation'],
      }),
    )
    expect((await ledger.anonymous.get('/api/assessment/systems/2025')).status).toBe(404)
    expect((await ledger.anonymous.get('/api/assessment/systems/abc')).status).toBe(404)
  })

  test('the exported XLSX, imported by an administrator, gives the same system back', async () => {
    const before = (await ledger.anonymous.get('/api/assessment/systems/2026')).body
    const file = await ledger.anonymous.get('/api/assessment/systems/2026/export.xlsx')
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toContain(xlsxType)
    expect(file.headers.get('content-disposition')).toContain('.xlsx')
    const admin = await ledger.login('admin')
    const imported = await admin.send('/api/assessment/systems/import', upload(file.bytes))
    expect(imported.status, JSON.stringify(imported.body)).toBe(200)
    expect(imported.body).toEqual(expect.objectContaining({ year: 2026, updatedBy: 'admin' }))
    const after = (await ledger.anonymous.get('/api/assessment/systems/2026')).body
    expect({ ...after, updatedAt: '', updatedBy: '' }).toEqual({
      ...before,
      updatedAt: '',
      updatedBy: '',
    })
  })

  test('a new year imports beside the old; a broken one imports nothing', async () => {
    const system = (await ledger.anonymous.get('/api/assessment/systems/2026')).body
    const units = await ledger.store.units()
    const admin = await ledger.login('admin')
    const next = await toSystemXlsx({ ...system, year: 2027, illustrative: false }, units)
    expect((await admin.send('/api/assessment/systems/import', upload(next))).status).toBe(200)
    const years = (await ledger.anonymous.get('/api/assessment/systems')).body.items
    expect(years.map((s: { year: number }) => s.year)).toEqual([2027, 2026])

    const repeated = structuredClone(system)
    repeated.year = 2028
    repeated.items[0].contents[0].standards[1].code =
      repeated.items[0].contents[0].standards[0].code
    const bad = await admin.send(
      '/api/assessment/systems/import',
      upload(await toSystemXlsx(repeated, units)),
    )
    expect(bad.status).toBe(400)
    expect(bad.body.errors).toEqual([expect.objectContaining({ message: '编号 01-01-01 重复' })])
    expect((await ledger.anonymous.get('/api/assessment/systems/2028')).status).toBe(404)
  })

  test('only administrators import; other roles 403, nobody 401; not XLSX is 415', async () => {
    const bytes = await toSystemXlsx(
      (await ledger.anonymous.get('/api/assessment/systems/2026')).body,
      await ledger.store.units(),
    )
    const inspector = await ledger.login('inspector')
    const refused = await inspector.send('/api/assessment/systems/import', upload(bytes))
    expect(refused.status).toBe(403)
    expect(refused.body.detail).toBe('督导员无权导入测评体系')
    expect(
      (await ledger.anonymous.send('/api/assessment/systems/import', upload(bytes))).status,
    ).toBe(401)
    const admin = await ledger.login('admin')
    expect(
      (await admin.send('/api/assessment/systems/import', upload(bytes, 'text/csv'))).status,
    ).toBe(415)
  })
})
