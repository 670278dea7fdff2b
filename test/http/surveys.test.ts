// 问卷调查 over HTTP: a round recorded as JSON, one imported from XLSX (rates or counts), the summary
// with Wilson intervals, export → import giving the same strata, and bad sheets named by row.

import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import writeXlsxFile from 'write-excel-file/node'
import { type Client, type LedgerApp, startLedgerApp } from './ledger-app.ts'

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const round = {
  name: '2026年上半年群众满意度自测',
  conductedOn: '2026-05-20',
  source: '自测',
  cells: [
    {
      township: '南诏镇',
      group: '市民',
      sampleSize: 300,
      awareness: 255,
      support: 270,
      satisfaction: 231,
    },
    {
      township: '牛街乡',
      group: '市民',
      sampleSize: 150,
      awareness: 105,
      support: 123,
      satisfaction: 99,
    },
  ],
}

async function sheet(rows: (string | number)[][]): Promise<Buffer> {
  return writeXlsxFile(
    rows.map((r) => r.map((value) => ({ value }))),
    {},
  ).toBuffer()
}

const importSheet = (client: Client, bytes: Uint8Array, name = '2026年下半年第三方测评') =>
  client.send(
    `/api/surveys/import?name=${encodeURIComponent(name)}&conductedOn=2026-10-15&source=${encodeURIComponent('第三方')}`,
    { method: 'POST', body: bytes, headers: { 'content-type': xlsx, 'x-requested-with': 'fetch' } },
  )

describe('问卷调查', () => {
  let ledger: LedgerApp
  let inspector: Client
  beforeAll(async () => {
    ledger = await startLedgerApp()
    inspector = await ledger.login('inspector')
  })
  afterAll(async () => {
    await ledger.close()
  })

  test('a round is recorded; a count above its sample is refused', async () => {
    const created = await inspector.post('/api/surveys', round)
    expect(created.status).toBe(201)
    expect(created.body.id).toMatch(/^survey-\d{4}$/)
    const bad = await inspector.post('/api/surveys', {
      ...round,
      cells: [{ ...round.cells[0], satisfaction: 301 }],
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].message).toMatch(/超过样本量/)
  })

  test('a sheet of rates imports as counts (93.5%, 0.9 and 90 all read as rates)', async () => {
    const bytes = await sheet([
      ['乡镇', '群体', '样本量', '知晓率', '支持率', '满意率'],
      ['南诏镇', '市民', 400, '92%', 0.95, 88],
      ['牛街乡', '市民', 200, '75%', 0.85, 60],
    ])
    const reply = await importSheet(inspector, bytes)
    expect(reply.status, JSON.stringify(reply.body)).toBe(201)
    expect(reply.body.cells).toEqual([
      {
        township: '南诏镇',
        group: '市民',
        sampleSize: 400,
        awareness: 368,
        support: 380,
        satisfaction: 352,
      },
      {
        township: '牛街乡',
        group: '市民',
        sampleSize: 200,
        awareness: 150,
        support: 170,
        satisfaction: 120,
      },
    ])
  })

  test('a bad sheet names every bad row and column and imports nothing', async () => {
    const before = (await inspector.get('/api/surveys')).body.items.length
    const bytes = await sheet([
      ['乡镇', '群体', '样本量', '知晓率', '支持率', '满意率'],
      ['南诏镇', '市民', 0, '92%', 0.95, 88],
      ['', '商户', 50, '120%', 0.95, 88],
    ])
    const reply = await importSheet(inspector, bytes)
    expect(reply.status).toBe(400)
    expect(reply.body.errors).toEqual([
      { row: 2, column: '样本量', message: '样本量须为正整数' },
      { row: 3, column: '乡镇', message: '乡镇不能为空' },
      { row: 3, column: '知晓率', message: '须为 0–100% 的比例或非负整数人数' },
    ])
    expect((await inspector.get('/api/surveys')).body.items).toHaveLength(before)
  })

  test('the summary: trend oldest first, latest round by township with Wilson intervals', async () => {
    const reply = await inspector.get('/api/surveys/summary')
    expect(reply.status).toBe(200)
    expect(reply.body.trend.map((t: { conductedOn: string }) => t.conductedOn)).toEqual([
      '2026-05-20',
      '2026-10-15',
    ])
    const weakest = reply.body.latest.weakest.satisfaction.townships[0]
    expect(weakest).toMatchObject({ key: '牛街乡', clearlyBelow: true })
    expect(weakest.figure.low).toBeCloseTo(0.5308, 4)
    expect(weakest.figure.high).toBeCloseTo(0.6654, 4)
  })

  test('export → import gives the same strata', async () => {
    const rounds = (await inspector.get('/api/surveys')).body.items
    const first = rounds[0]
    const file = await inspector.get(`/api/surveys/${first.id}/export.xlsx`)
    expect(file.status).toBe(200)
    const again = await importSheet(inspector, file.bytes, '再导入')
    expect(again.body.cells).toEqual(first.cells)
    expect(
      (
        await inspector.send(`/api/surveys/${again.body.id}`, {
          method: 'DELETE',
          headers: { 'x-requested-with': 'fetch' },
        })
      ).status,
    ).toBe(204)
  })

  test('a unit operator neither reads nor writes surveys', async () => {
    const unit = await ledger.login('unit-um')
    expect((await unit.get('/api/surveys/summary')).status).toBe(403)
    expect((await unit.post('/api/surveys', round)).status).toBe(403)
  })
})
