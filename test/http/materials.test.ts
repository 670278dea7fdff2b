// 材料审核 over HTTP: a unit's tasks (倒排工期), files checked by their bytes and size, the 说明报告,
// submit → 退回 with a reason → submit → 合格, completion, the 签字移交, the XLSX export; and a table of
// every write route by a caller inside and outside its scope.
import { zipSync } from 'fflate'
import readXlsxFile from 'read-excel-file/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Client, type LedgerApp, startLedgerApp } from './ledger-app.ts'
import {
  docx,
  docxType,
  fullReport,
  jpeg,
  pdf,
  png,
  testSchedule,
  testStandards,
  upload,
} from './material-fixtures.ts'

const put = (client: Client, path: string, json: unknown) =>
  client.send(path, {
    method: 'PUT',
    body: JSON.stringify(json),
    headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch' },
  })

describe('材料审核', () => {
  let ledger: LedgerApp
  let um: Client
  let market: Client
  let inspector: Client
  let materialId: string
  beforeAll(async () => {
    ledger = await startLedgerApp({
      materials: { standards: testStandards, schedule: testSchedule },
    })
    um = await ledger.login('unit-um')
    market = await ledger.login('unit-market')
    inspector = await ledger.login('inspector')
  })
  afterAll(async () => {
    await ledger.close()
  })

  test('a unit operator sees only their unit’s 标准, with the day counted back from the assessment', async () => {
    const reply = await um.get('/api/materials/tasks')
    expect(reply.status).toBe(200)
    expect(reply.body.schedule).toMatchObject({ assessedOn: '2027-01-20', submitOn: '2026-12-06' })
    expect(reply.body.items).toEqual([
      expect.objectContaining({
        standardCode: '03-02-01',
        unitCode: 'urban-management',
        part: 'responsible',
        status: 'missing',
        dueOn: '2026-12-06',
        daysLeft: 14,
        overdue: false,
      }),
    ])
    expect((await um.get('/api/materials/tasks?unit=market-regulation')).status).toBe(403)
  })

  test('opening a material for a 标准 the unit does not document is refused', async () => {
    const reply = await um.post('/api/materials', { standardCode: '05-01-02' })
    expect(reply.status).toBe(403)
    const unknown = await um.post('/api/materials', { standardCode: '99-99-99' })
    expect(unknown.status).toBe(400)
  })

  test('open, upload by the bytes’ own type, write the 说明报告', async () => {
    const opened = await um.post('/api/materials', { standardCode: '03-02-01' })
    expect(opened.status).toBe(201)
    expect(opened.body).toMatchObject({ status: 'draft', unitCode: 'urban-management', year: 2027 })
    materialId = opened.body.id
    // opening again finds the same one
    expect((await um.post('/api/materials', { standardCode: '03-02-01' })).body.id).toBe(materialId)

    const file = await upload(um, materialId, pdf, 'application/pdf', '部署文件.pdf')
    expect(file.status).toBe(201)
    expect(file.body).toMatchObject({
      kind: 'document',
      contentType: 'application/pdf',
      title: '部署文件.pdf',
    })
    const word = await upload(um, materialId, docx, docxType, 'C:\\文件\\实施方案.docx')
    expect(word.status).toBe(201)
    expect(word.body.title).toBe('实施方案.docx')
    const photo = await upload(um, materialId, jpeg, 'image/jpeg', '现场.jpg')
    expect(photo.body.kind).toBe('photo')

    const back = await um.get(photo.body.url.replace(ledger.app.url, ''))
    expect(back.status).toBe(200)
    expect(back.headers.get('content-type')).toBe('image/jpeg')
    expect(Buffer.compare(back.bytes, jpeg)).toBe(0)
    expect((await market.get(photo.body.url.replace(ledger.app.url, ''))).status).toBe(403)
  })

  test.each([
    { name: 'a PNG declared as PDF', bytes: png, type: 'application/pdf', status: 415 },
    { name: 'a PDF renamed to DOCX', bytes: pdf, type: docxType, status: 415 },
    {
      name: 'a zip that is not a Word file',
      bytes: Buffer.from(zipSync({ 'a.txt': new Uint8Array([1]) })),
      type: docxType,
      status: 415,
    },
    { name: 'a text file', bytes: Buffer.from('hello'), type: 'text/plain', status: 415 },
    { name: 'an empty file', bytes: Buffer.alloc(0), type: 'application/pdf', status: 400 },
    {
      name: 'a photo over 5 MB',
      bytes: Buffer.concat([jpeg, Buffer.alloc(5 * 1024 * 1024)]),
      type: 'image/jpeg',
      status: 413,
    },
  ])('$name is refused with $status', async ({ bytes, type, status }) => {
    const reply = await upload(um, materialId, bytes, type)
    expect(reply.status).toBe(status)
  })

  test('submitting without the five elements is refused, naming what is missing', async () => {
    const reply = await um.post(`/api/materials/${materialId}/submit`)
    expect(reply.status).toBe(400)
    expect(reply.body.errors).toHaveLength(5)
  })

  test('submit → 退回 needs a reason → resubmit → 合格; a submitted material cannot change', async () => {
    expect((await put(um, `/api/materials/${materialId}/report`, fullReport)).status).toBe(200)
    const submitted = await um.post(`/api/materials/${materialId}/submit`)
    expect(submitted.status).toBe(200)
    expect(submitted.body.status).toBe('submitted')
    expect((await put(um, `/api/materials/${materialId}/report`, fullReport)).status).toBe(409)
    expect((await upload(um, materialId, jpeg, 'image/jpeg')).status).toBe(409)

    const noReason = await inspector.post(`/api/materials/${materialId}/review`, {
      decision: 'return',
    })
    expect(noReason.status).toBe(400)
    const returned = await inspector.post(`/api/materials/${materialId}/review`, {
      decision: 'return',
      reason: '缺少数据实例的佐证照片',
    })
    expect(returned.body).toMatchObject({
      status: 'returned',
      returnReason: '缺少数据实例的佐证照片',
    })
    const tasks = (await um.get('/api/materials/tasks')).body.items
    expect(tasks[0]).toMatchObject({ status: 'returned', dueOn: '2026-12-06' })

    expect((await upload(um, materialId, png, 'image/png', '佐证.png')).status).toBe(201)
    expect((await um.post(`/api/materials/${materialId}/submit`)).body.status).toBe('submitted')
    const approved = await inspector.post(`/api/materials/${materialId}/review`, {
      decision: 'approve',
    })
    expect(approved.body).toMatchObject({ status: 'approved', reviewedBy: 'inspector' })
    const again = await inspector.post(`/api/materials/${materialId}/review`, {
      decision: 'approve',
    })
    expect(again.status).toBe(409)

    const detail = await um.get(`/api/materials/${materialId}`)
    expect(detail.body.events.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'upload',
      'upload',
      'upload',
      'report',
      'submit',
      'return',
      'upload',
      'submit',
      'approve',
    ])
  })

  test('completion per unit and per 标准, and who may read it', async () => {
    const reply = await inspector.get('/api/materials/completion')
    expect(reply.status).toBe(200)
    expect(reply.body.total).toMatchObject({ tasks: 4, reported: 1, approved: 1, withPhotos: 1 })
    const um = reply.body.units.find((u: { unitCode: string }) => u.unitCode === 'urban-management')
    expect(um).toMatchObject({ reportRate: 1, photoRate: 1, approvalRate: 1 })
    const standard = reply.body.standards[0]
    expect(standard).toMatchObject({ standardCode: '03-02-01', tasks: 3, approved: 1 })
    expect(standard.approvedPoints).toBeCloseTo(0.8 / 3, 10)
    expect((await market.get('/api/materials/completion')).status).toBe(403)
  })

  test('the wall’s 台账 panel shows the real 上报率 per unit, not issue closure', async () => {
    const view = await ledger.display.get('/api/wall/view')
    expect(view.status).toBe(200)
    expect(view.body.materials.total).toMatchObject({ tasks: 4, reported: 1, approved: 1 })
    const um = view.body.materials.units.find(
      (u: { unitCode: string }) => u.unitCode === 'urban-management',
    )
    expect(um).toMatchObject({ unitName: '县城市管理局', reportRate: 1, photoRate: 1 })
  })

  test('the 签字移交 lists the approved materials; the 创建办 signs for it once', async () => {
    const handed = await um.post('/api/materials/handovers', {
      signedByName: '张三',
      signedByTitle: '县城市管理局局长',
      signedOn: '2026-11-22',
    })
    expect(handed.status).toBe(201)
    expect(handed.body).toMatchObject({ unitCode: 'urban-management', materialIds: [materialId] })
    const none = await market.post('/api/materials/handovers', {
      signedByName: '李四',
      signedByTitle: '局长',
      signedOn: '2026-11-22',
    })
    expect(none.status).toBe(400)
    const received = await inspector.post(`/api/materials/handovers/${handed.body.id}/receipt`)
    expect(received.body).toMatchObject({ receivedBy: 'inspector' })
    ledger.clock.now = new Date('2026-11-22T09:00:00Z') // within the session
    const twice = await inspector.post(`/api/materials/handovers/${handed.body.id}/receipt`)
    expect(twice.body.receivedAt).toBe(received.body.receivedAt)
    ledger.clock.now = new Date('2026-11-22T08:00:00Z')
  })

  test('the task list filters and exports as XLSX with completion sheets', async () => {
    const missing = await inspector.get('/api/materials/tasks?status=missing')
    expect(missing.body.items.map((t: { unitCode: string }) => t.unitCode)).toEqual([
      'civilization-office',
      'market-regulation',
      'market-regulation',
    ])
    const file = await inspector.get('/api/materials/export.xlsx?status=missing')
    expect(file.status).toBe(200)
    const sheets = await readXlsxFile(file.bytes)
    expect(sheets.map((s) => s.sheet)).toEqual(['台账材料', '按责任单位', '按测评标准'])
    expect(sheets[0]?.data).toHaveLength(4) // header + 3 tasks
    expect(sheets[0]?.data[1]?.[3]).toBe('县委文明办')
  })

  test('after a day past the submit day the missing ones are overdue', async () => {
    ledger.clock.now = new Date('2026-12-06T16:00:00Z') // 12-07 00:00 Beijing
    try {
      const later = await ledger.login('inspector') // the day-old session has ended
      const overdue = await later.get('/api/materials/tasks?overdue=true')
      expect(overdue.body.items).toHaveLength(3)
    } finally {
      ledger.clock.now = new Date('2026-11-22T08:00:00Z')
    }
  })
})

/** One write by one caller, and the status the scope gives. */
interface ScopeCase {
  name: string
  caller: string
  send: (
    c: Client,
    ids: { um: string; market: string; handover: string },
  ) => Promise<{ status: number }>
  status: number
}

describe('every material write in and out of scope', () => {
  let ledger: LedgerApp
  const ids = { um: '', market: '', handover: '' }
  const clients = new Map<string, Client>()
  beforeAll(async () => {
    ledger = await startLedgerApp({
      materials: { standards: testStandards, schedule: testSchedule },
    })
    for (const name of ['unit-um', 'unit-market', 'inspector', 'admin', 'commander', 'planner']) {
      clients.set(name, await ledger.login(name))
    }
    const um = clients.get('unit-um') as Client
    const market = clients.get('unit-market') as Client
    ids.um = (await um.post('/api/materials', { standardCode: '03-02-01' })).body.id
    ids.market = (await market.post('/api/materials', { standardCode: '05-01-02' })).body.id
    for (const [c, id] of [
      [um, ids.um],
      [market, ids.market],
    ] as const) {
      await put(c, `/api/materials/${id}/report`, fullReport)
      await upload(c, id, pdf, 'application/pdf')
    }
    await market.post(`/api/materials/${ids.market}/submit`)
    await (clients.get('inspector') as Client).post(`/api/materials/${ids.market}/review`, {
      decision: 'approve',
    })
    ids.handover = (
      await market.post('/api/materials/handovers', {
        signedByName: '李四',
        signedByTitle: '局长',
        signedOn: '2026-11-22',
      })
    ).body.id
  })
  afterAll(async () => {
    await ledger.close()
  })

  const cases: ScopeCase[] = [
    // unit: a unit operator documents their own unit's 标准 only; an administrator any unit's
    {
      name: 'open own',
      caller: 'unit-um',
      send: (c) => c.post('/api/materials', { standardCode: '03-02-01' }),
      status: 201,
    },
    {
      name: 'open another unit’s',
      caller: 'unit-um',
      send: (c) => c.post('/api/materials', { standardCode: '05-01-02' }),
      status: 403,
    },
    {
      name: 'admin opens for a unit',
      caller: 'admin',
      send: (c) =>
        c.post('/api/materials', { standardCode: '03-02-01', unitCode: 'civilization-office' }),
      status: 201,
    },
    {
      name: 'report on own',
      caller: 'unit-um',
      send: (c, i) => put(c, `/api/materials/${i.um}/report`, fullReport),
      status: 200,
    },
    {
      name: 'report on another unit’s',
      caller: 'unit-market',
      send: (c, i) => put(c, `/api/materials/${i.um}/report`, fullReport),
      status: 403,
    },
    {
      name: 'upload to own',
      caller: 'unit-um',
      send: (c, i) => upload(c, i.um, jpeg, 'image/jpeg'),
      status: 201,
    },
    {
      name: 'upload to another unit’s',
      caller: 'unit-market',
      send: (c, i) => upload(c, i.um, jpeg, 'image/jpeg'),
      status: 403,
    },
    {
      name: 'remove a file of another unit’s',
      caller: 'unit-market',
      send: (c, i) =>
        c.send(`/api/materials/${i.um}/files/mf-x`, {
          method: 'DELETE',
          headers: { 'x-requested-with': 'fetch' },
        }),
      status: 403,
    },
    {
      name: 'submit another unit’s',
      caller: 'unit-market',
      send: (c, i) => c.post(`/api/materials/${i.um}/submit`),
      status: 403,
    },
    {
      name: 'submit own',
      caller: 'unit-um',
      send: (c, i) => c.post(`/api/materials/${i.um}/submit`),
      status: 200,
    },
    // county: the 创建办 reviews any unit's; a unit operator reviews nothing, not even their own
    {
      name: 'unit reviews own',
      caller: 'unit-um',
      send: (c, i) => c.post(`/api/materials/${i.um}/review`, { decision: 'approve' }),
      status: 403,
    },
    {
      name: 'commander reviews',
      caller: 'commander',
      send: (c, i) => c.post(`/api/materials/${i.um}/review`, { decision: 'approve' }),
      status: 403,
    },
    {
      name: '创建办 reviews',
      caller: 'inspector',
      send: (c, i) =>
        c.post(`/api/materials/${i.um}/review`, { decision: 'return', reason: '照片不清晰' }),
      status: 200,
    },
    // unit: a handover is recorded for one's own unit; received by the 创建办 only
    {
      name: 'handover by a planner',
      caller: 'planner',
      send: (c) =>
        c.post('/api/materials/handovers', {
          signedByName: '王五',
          signedByTitle: '局长',
          signedOn: '2026-11-22',
        }),
      status: 403,
    },
    {
      name: 'admin hands over for a unit',
      caller: 'admin',
      send: (c) =>
        c.post('/api/materials/handovers', {
          unitCode: 'market-regulation',
          signedByName: '王五',
          signedByTitle: '局长',
          signedOn: '2026-11-22',
        }),
      status: 201,
    },
    {
      name: 'unit receives its own handover',
      caller: 'unit-market',
      send: (c, i) => c.post(`/api/materials/handovers/${i.handover}/receipt`),
      status: 403,
    },
    {
      name: '创建办 receives',
      caller: 'inspector',
      send: (c, i) => c.post(`/api/materials/handovers/${i.handover}/receipt`),
      status: 200,
    },
    // reads: a unit reads its own material only
    {
      name: 'read another unit’s material',
      caller: 'unit-market',
      send: (c, i) => c.get(`/api/materials/${i.um}`),
      status: 403,
    },
    {
      name: 'planner reads any',
      caller: 'planner',
      send: (c, i) => c.get(`/api/materials/${i.um}`),
      status: 200,
    },
  ]

  test.each(cases)('$name as $caller → $status', async ({ caller, send, status }) => {
    const reply = await send(clients.get(caller) as Client, ids)
    expect(reply.status, JSON.stringify((reply as { body?: unknown }).body)).toBe(status)
  })
})
