// /api/plans over HTTP: planners save, list, read, rename and delete plans; names are unique; the
// commander and anonymous callers read but never write; two plans compare; a plan exports as XLSX
// (read back with read-excel-file) and as GeoJSON.
import readXlsxFile from 'read-excel-file/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Client, LedgerApp } from './ledger-app.ts'
import { startPlanningApp } from './planning-app.ts'

const planBody = (overrides: Record<string, unknown> = {}) => ({
  name: '城区示范点',
  checkpointIds: ['cp-0001', 'cp-0002', 'cp-0003'],
  weights: { density: 4 },
  constraints: { size: 3, minSpacingM: 100 },
  ...overrides,
})

const put = (client: Client, path: string, json: unknown) =>
  client.send(path, {
    method: 'PUT',
    body: JSON.stringify(json),
    headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch' },
  })

const remove = (client: Client, path: string) =>
  client.send(path, { method: 'DELETE', headers: { 'x-requested-with': 'fetch' } })

describe('plans', () => {
  let ledger: LedgerApp
  let planner: Client
  let commander: Client
  beforeAll(async () => {
    ledger = await startPlanningApp()
    planner = await ledger.login('planner')
    commander = await ledger.login('commander')
  })
  afterAll(async () => {
    await ledger?.close()
  })

  test('a planner saves a plan; it lists, reads back with its summary, renames and deletes', async () => {
    const created = await planner.post('/api/plans', planBody({ name: '  保存测试  ' }))
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const id = created.body.id as string
    expect(id).toMatch(/^plan-\d{4}$/)
    expect(created.headers.get('location')).toBe(`/api/plans/${id}`)
    expect(created.body).toMatchObject({
      name: '保存测试',
      checkpointIds: ['cp-0001', 'cp-0002', 'cp-0003'],
      weights: { density: 4, closure: 2, overdue: 2, category: 1, location: 1, spacing: 1 },
      constraints: { size: 3, minPerTownship: 0, requiredCategories: {}, minSpacingM: 100 },
      createdBy: 'planner',
      createdAt: ledger.clock.now.toISOString(),
      summary: { size: 3, meanScore: expect.any(Number), violations: expect.any(Array) },
    })

    const list = await ledger.anonymous.get('/api/plans')
    expect(list.status).toBe(200)
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain(id)
    expect((await ledger.anonymous.get(`/api/plans/${id}`)).body).toEqual(created.body)

    const renamed = await put(planner, `/api/plans/${id}`, {
      name: '改名后',
      checkpointIds: ['cp-0004'],
    })
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200)
    expect(renamed.body).toMatchObject({ id, name: '改名后', checkpointIds: ['cp-0004'] })
    expect(renamed.body.weights).toEqual(created.body.weights)
    expect(renamed.body.summary.size).toBe(1)

    expect((await remove(planner, `/api/plans/${id}`)).status).toBe(204)
    expect((await ledger.anonymous.get(`/api/plans/${id}`)).status).toBe(404)
    expect((await remove(planner, `/api/plans/${id}`)).status).toBe(404)
  })

  test('a taken name is a 409 in Chinese, on create and on rename', async () => {
    await planner.post('/api/plans', planBody({ name: '重名甲' }))
    const other = await planner.post('/api/plans', planBody({ name: '重名乙' }))
    const again = await planner.post('/api/plans', planBody({ name: '重名甲' }))
    expect(again.status).toBe(409)
    expect(again.body.detail).toContain('重名甲')
    const rename = await put(planner, `/api/plans/${other.body.id}`, { name: '重名甲' })
    expect(rename.status).toBe(409)
    expect((await ledger.anonymous.get(`/api/plans/${other.body.id}`)).body.name).toBe('重名乙')
  })

  test.each([
    [planBody({ name: '' }), 'name'],
    [planBody({ name: '   ' }), 'name'],
    [planBody({ name: '名'.repeat(51) }), 'name'],
    [planBody({ checkpointIds: ['cp-9999'] }), 'checkpointIds.0'],
    [planBody({ checkpointIds: ['cp-0001', 'cp-0001'] }), 'checkpointIds.1'],
    [planBody({ weights: { density: 20 } }), 'weights.density'],
    [planBody({ constraints: { size: 0 } }), 'constraints.size'],
    [planBody({ owner: 'me' }), 'owner'],
  ])('a bad plan %j → 400 naming %s', async (body, field) => {
    const reply = await planner.post('/api/plans', body)
    expect(reply.status).toBe(400)
    expect(reply.body.errors.map((e: { field: string }) => e.field)).toContain(field)
  })

  test('a body over 1 MB is a 413 and saves nothing; so is one to a compute endpoint', async () => {
    const before = (await planner.get('/api/plans')).body.items.length
    const huge = planBody({
      name: '超大',
      checkpointIds: Array.from({ length: 120_000 }, () => 'cp-0001'),
    })
    const reply = await planner.post('/api/plans', huge)
    expect(reply.status).toBe(413)
    expect(reply.headers.get('content-type')).toContain('application/problem+json')
    expect((await planner.get('/api/plans')).body.items).toHaveLength(before)
    const keep = Array.from({ length: 120_000 }, () => 'cp-0001')
    const compute = await planner.post('/api/planning/optimise', { constraints: {}, keep })
    expect(compute.status).toBe(413)
  })

  test('a 50-character name is accepted', async () => {
    expect((await planner.post('/api/plans', planBody({ name: '名'.repeat(50) }))).status).toBe(201)
  })

  test('the commander is refused every write (403), an anonymous caller must sign in (401)', async () => {
    const saved = await planner.post('/api/plans', planBody({ name: '只读测试' }))
    const path = `/api/plans/${saved.body.id}`
    expect((await commander.post('/api/plans', planBody({ name: '指挥长' }))).status).toBe(403)
    expect((await put(commander, path, { name: '指挥长改' })).status).toBe(403)
    expect((await remove(commander, path)).status).toBe(403)
    expect((await ledger.anonymous.post('/api/plans', planBody({ name: '匿名' }))).status).toBe(401)
    expect((await put(ledger.anonymous, path, { name: '匿名改' })).status).toBe(401)
    expect((await remove(ledger.anonymous, path)).status).toBe(401)
    expect((await commander.get(path)).status).toBe(200)
    expect((await ledger.anonymous.get(path)).body.name).toBe('只读测试')
  })

  test('an administrator may write plans too', async () => {
    const admin = await ledger.login('admin')
    expect((await admin.post('/api/plans', planBody({ name: '管理员方案' }))).status).toBe(201)
  })

  test('two plans compare: shared and own points, and each summary', async () => {
    const a = await planner.post(
      '/api/plans',
      planBody({ name: '对比甲', checkpointIds: ['cp-0001', 'cp-0002', 'cp-0003'] }),
    )
    const b = await planner.post(
      '/api/plans',
      planBody({ name: '对比乙', checkpointIds: ['cp-0003', 'cp-0004'] }),
    )
    const reply = await ledger.anonymous.get(`/api/plans/compare?a=${a.body.id}&b=${b.body.id}`)
    expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    expect(reply.body).toMatchObject({
      onlyA: ['cp-0001', 'cp-0002'],
      onlyB: ['cp-0004'],
      both: ['cp-0003'],
      a: { size: 3 },
      b: { size: 2 },
      plans: { a: { id: a.body.id, name: '对比甲' }, b: { id: b.body.id, name: '对比乙' } },
    })
    expect(
      (await ledger.anonymous.get(`/api/plans/compare?a=${a.body.id}&b=plan-9999`)).status,
    ).toBe(404)
    expect((await ledger.anonymous.get(`/api/plans/compare?a=${a.body.id}`)).status).toBe(400)
  })

  test('a plan exports as XLSX: one row per point under Chinese headers, and a summary sheet', async () => {
    const saved = await planner.post('/api/plans', planBody({ name: '导出/测试' }))
    const reply = await ledger.anonymous.get(`/api/plans/${saved.body.id}/export.xlsx`)
    expect(reply.status).toBe(200)
    expect(reply.headers.get('content-type')).toContain('spreadsheetml')
    const fileName = '示范点方案-导出_测试-20261122.xlsx'
    expect(reply.headers.get('content-disposition')).toBe(
      `attachment; filename="${fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    )
    const sheets = await readXlsxFile(reply.bytes)
    expect(sheets.map((s) => s.sheet)).toEqual(['示范点', '方案概况'])
    const [header, ...rows] = sheets[0]?.data ?? []
    expect(header?.slice(0, 4)).toEqual(['序号', '点位编号', '点位名称', '点位类型'])
    expect(rows.map((r) => r[1])).toEqual(['cp-0001', 'cp-0002', 'cp-0003'])
    const summary = new Map((sheets[1]?.data ?? []).map((r) => [r[0], r[1]]))
    expect(summary.get('方案名称')).toBe('导出/测试')
    expect(summary.get('点位数')).toBe(3)
  })

  test('a plan exports as a GeoJSON FeatureCollection of its points in order', async () => {
    const saved = await planner.post('/api/plans', planBody({ name: '导出地图' }))
    const reply = await ledger.anonymous.get(`/api/plans/${saved.body.id}/export.geojson`)
    expect(reply.status).toBe(200)
    expect(reply.headers.get('content-type')).toContain('application/geo+json')
    const collection = JSON.parse(reply.bytes.toString('utf8'))
    expect(collection.type).toBe('FeatureCollection')
    expect(collection.name).toBe('导出地图')
    expect(collection.features.map((f: { id: string }) => f.id)).toEqual([
      'cp-0001',
      'cp-0002',
      'cp-0003',
    ])
    for (const [i, f] of collection.features.entries()) {
      expect(f.type).toBe('Feature')
      expect(f.geometry.type).toBe('Point')
      expect(f.geometry.coordinates).toHaveLength(2)
      expect(f.properties.order).toBe(i + 1)
      expect(f.properties.score).toBeGreaterThanOrEqual(0)
    }
    expect((await ledger.anonymous.get(`/api/plans/${saved.body.id}/export.csv`)).status).toBe(404)
    expect((await ledger.anonymous.get('/api/plans/plan-9999/export.xlsx')).status).toBe(404)
  })
})
