// 督查 over HTTP, in process: rounds, recording issues into a round (source and round on the issue, the
// list and OGC filters), period summaries, the 通报 draft → edit → issue → download unchanged, the
// 整改通知书 with events on its issues and the unit's 签收; and who may call each write route.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { readDocx, readPdf, squash } from '../supervision/document-text.ts'
import { type Client, type LedgerApp, places, startLedgerApp } from './ledger-app.ts'

let ledger: LedgerApp
const as: Record<string, Client> = {}
const users = [
  'admin',
  'commander',
  'inspector',
  'unit-um',
  'unit-market',
  'planner',
  'grid-nanzhao',
]

beforeAll(async () => {
  ledger = await startLedgerApp()
  for (const u of users) as[u] = await ledger.login(u)
})
afterAll(async () => {
  await ledger.close()
})

const newRound = {
  kind: 'inspection',
  number: 16,
  name: '2026年第16期文明城市创建督查',
  startsOn: '2026-11-16',
  endsOn: '2026-11-22',
  teams: [
    {
      name: '第一督查组',
      leader: { name: '李明', title: '县委督查室主任' },
      members: [{ name: '王芳' }, { name: '赵强', title: '县创建办干部' }],
    },
  ],
  targets: [
    { kind: 'township', code: '532927101', name: '南诏镇' },
    { kind: 'unit', code: 'market-regulation', name: '县市场监督管理局' },
    { kind: 'township', code: '532927105', name: '马鞍山乡' },
  ],
}

const client = (name: string) => as[name] as Client

describe('rounds', () => {
  let roundId: string
  test('an inspector creates a round; it is listed with its teams and targets', async () => {
    const reply = await client('inspector').post('/api/rounds', newRound)
    expect(reply.status).toBe(201)
    roundId = reply.body.id
    expect(roundId).toMatch(/^round-\d{4}$/)
    const list = await client('commander').get('/api/rounds')
    expect(list.body.items[0]).toMatchObject({
      id: roundId,
      teams: newRound.teams,
      targets: newRound.targets,
    })
  })

  test('issues recorded into the round carry its id and the source of its kind; filters find them', async () => {
    const report = (place: keyof typeof places, extra: object = {}) =>
      client('inspector').post('/api/issues', {
        lngLat: places[place].lngLat,
        category: 'exposed-garbage',
        description: '督查发现垃圾未清运',
        roundId,
        ...extra,
      })
    const first = await report('seat')
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({ roundId, source: 'inspection-team' })
    ledger.clock.now = new Date('2026-11-22T09:00:00Z')
    expect((await report('market', { source: 'undercover' })).body.source).toBe('undercover')
    const outside = await client('inspector').post('/api/issues', {
      lngLat: places.miaojie.lngLat,
      category: 'graffiti',
      description: '不在轮次中的问题',
    })
    expect(outside.body.source).toBe('inspection-team') // a 督导员's default
    expect(outside.body.roundId).toBeUndefined()

    const listed = await client('commander').get(`/api/issues?round=${roundId}`)
    expect(listed.body.total).toBe(2)
    const undercover = await client('commander').get('/api/issues?source=undercover')
    expect(undercover.body.items.map((i: { id: string }) => i.id)).toEqual([expect.any(String)])
    const ogc = await ledger.anonymous.get(`/collections/issues/items?roundId=${roundId}&f=json`)
    expect(ogc.body.numberMatched).toBe(2)
    const ogcSource = await ledger.anonymous.get(
      '/collections/issues/items?source=undercover&f=json',
    )
    expect(ogcSource.body.features[0].properties).toMatchObject({ source: 'undercover', roundId })
  })

  test('an unknown round is a 400 naming roundId', async () => {
    const reply = await client('inspector').post('/api/issues', {
      lngLat: places.seat.lngLat,
      category: 'graffiti',
      description: '测试',
      roundId: 'round-9999',
    })
    expect(reply.status).toBe(400)
    expect(reply.body.errors[0].field).toBe('roundId')
  })

  test('the round shows its findings, route, coverage (targets visited / not yet) and tallies', async () => {
    const reply = await client('commander').get(`/api/rounds/${roundId}`)
    expect(reply.status).toBe(200)
    expect(reply.body.tallies).toMatchObject({ found: 2, closed: 0 })
    expect(reply.body.findings.features).toHaveLength(2)
    expect(reply.body.route.geometry.type).toBe('LineString')
    expect(reply.body.coverage).toMatchObject({ visited: 2, total: 3 })
    expect(reply.body.coverage.targets.map((t: { issues: number }) => t.issues)).toEqual([2, 1, 0])
  })

  const patch = (name: string, path: string, json: unknown) =>
    client(name).send(path, {
      method: 'PATCH',
      body: JSON.stringify(json),
      headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch' },
    })

  test('a target visited without a finding counts once the team registers its visit', async () => {
    const targets = newRound.targets.map((t) =>
      t.code === '532927105' ? { ...t, visitedOn: '2026-11-20' } : t,
    )
    const patched = await patch('inspector', `/api/rounds/${roundId}`, { targets })
    expect(patched.status).toBe(200)
    const reply = await client('commander').get(`/api/rounds/${roundId}`)
    expect(reply.body.coverage).toMatchObject({ visited: 3, total: 3 })
    expect(reply.body.coverage.targets[2]).toMatchObject({
      name: '马鞍山乡',
      issues: 0,
      visited: true,
      visitedOn: '2026-11-20',
    })
    const bad = await patch('inspector', `/api/rounds/${roundId}`, {
      targets: [{ ...newRound.targets[0], visitedOn: '20 November' }],
    })
    expect(bad.status).toBe(400)
  })

  test('登记到达 dates one target today (Beijing) and keeps the first day; a stranger target is a 400', async () => {
    const created = await client('inspector').post('/api/rounds', {
      ...newRound,
      name: '登记到达测试',
      targets: [
        { kind: 'unit', code: 'health', name: '县卫生健康局' },
        { kind: 'checkpoint', code: 'cp-0139', name: '古城家属区（示例）' },
      ],
    })
    const id = created.body.id
    ledger.clock.now = new Date('2026-11-17T17:30:00Z') // 18 Nov 01:30 in Beijing
    const visit = (json: unknown) => client('inspector').post(`/api/rounds/${id}/visits`, json)
    const first = await visit({ kind: 'checkpoint', code: 'cp-0139' })
    expect(first.status).toBe(200)
    expect(first.body.targets[1]).toMatchObject({ code: 'cp-0139', visitedOn: '2026-11-18' })
    expect(first.body.targets[0].visitedOn).toBeUndefined()
    ledger.clock.now = new Date('2026-11-19T02:00:00Z')
    const again = await visit({ kind: 'checkpoint', code: 'cp-0139' })
    expect(again.body.targets[1].visitedOn).toBe('2026-11-18')
    const detail = await client('commander').get(`/api/rounds/${id}`)
    expect(detail.body.coverage).toMatchObject({ visited: 1, total: 2 })
    const stranger = await visit({ kind: 'unit', code: 'urban-management' })
    expect(stranger.status).toBe(400)
    expect(stranger.body.errors[0].field).toBe('code')
    const badKind = await visit({ kind: 'village', code: 'cp-0139' })
    expect(badKind.body.errors[0].field).toBe('kind')
    expect(
      (
        await client('inspector').post('/api/rounds/round-9999/visits', {
          kind: 'unit',
          code: 'health',
        })
      ).status,
    ).toBe(404)
  })

  test('a round is changed as a whole: two teams with 职务, targets of all three kinds', async () => {
    const teams = [
      ...newRound.teams,
      { name: '第二督查组', leader: { name: '陈静', title: '县政府督查室副主任' }, members: [] },
    ]
    const targets = [
      ...newRound.targets,
      { kind: 'checkpoint', code: 'cp-0139', name: '古城家属区（示例）' },
    ]
    const reply = await patch('admin', `/api/rounds/${roundId}`, { teams, targets })
    expect(reply.status).toBe(200)
    expect(reply.body).toMatchObject({
      teams,
      targets: [expect.anything(), expect.anything(), expect.anything(), targets[3]],
    })
    expect(reply.body.targets[2].visitedOn).toBeUndefined() // the whole list is replaced
    const detail = await client('commander').get(`/api/rounds/${roundId}`)
    expect(detail.body.coverage.total).toBe(4)
  })

  test('bad round input is a 400 naming the field', async () => {
    const reply = await client('inspector').post('/api/rounds', {
      ...newRound,
      endsOn: '2026-11-01',
    })
    expect(reply.status).toBe(400)
    expect(reply.body.errors[0].field).toBe('endsOn')
    const kind = await client('inspector').post('/api/rounds', { ...newRound, kind: 'party' })
    expect(kind.body.errors[0].field).toBe('kind')
  })
})

describe('periods', () => {
  test('the ledger list takes a period: 本周 in Beijing time', async () => {
    ledger.clock.now = new Date('2026-11-22T09:00:00Z') // Sunday 17:00 Beijing
    const reply = await client('commander').get('/api/issues?period=this-week&limit=100')
    // every standard issue was found 2026-11-20 (this week) and three were reported on 11-22
    expect(reply.body.total).toBe(9)
    const custom = await client('commander').get(
      '/api/issues?period=custom&from=2026-11-21&to=2026-11-22',
    )
    expect(custom.body.total).toBe(3)
  })

  test('the exports take the same period and round as the list', async () => {
    const csvRows = async (query: string) => {
      const reply = await client('commander').get(`/api/issues/export.csv?${query}`)
      expect(reply.status).toBe(200)
      return String(reply.body)
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/)
        .slice(1)
    }
    const custom = '/api/issues?period=custom&from=2026-11-21&to=2026-11-22&limit=100'
    const listed = await client('commander').get(custom)
    expect(await csvRows('period=custom&from=2026-11-21&to=2026-11-22')).toHaveLength(
      listed.body.total,
    )
    const rounds = await client('commander').get('/api/rounds')
    const withIssues = rounds.body.items.find((r: { name: string }) => r.name === newRound.name)
    const inRound = await csvRows(`round=${withIssues.id}`)
    expect(inRound).toHaveLength(2) // both recorded on 2026-11-22 (Beijing)
    expect(
      await csvRows(`round=${withIssues.id}&period=custom&from=2026-11-22&to=2026-11-22`),
    ).toHaveLength(2)
    expect(
      await csvRows(`round=${withIssues.id}&period=custom&from=2026-11-16&to=2026-11-21`),
    ).toHaveLength(0)
    const xlsx = await client('commander').get(`/api/issues/export.xlsx?round=${withIssues.id}`)
    expect(xlsx.status).toBe(200)
  })

  test('a custom period without both dates is a 400', async () => {
    const reply = await client('commander').get('/api/issues?period=custom&from=2026-11-21')
    expect(reply.status).toBe(400)
    expect(reply.body.errors[0].field).toBe('to')
  })

  test('the summary gives KPIs, 环比, units, 红黑榜 and a daily trend for the period', async () => {
    const reply = await client('commander').get('/api/supervision/summary?period=this-week')
    expect(reply.status).toBe(200)
    expect(reply.body.period).toMatchObject({ from: '2026-11-16', to: '2026-11-22' })
    expect(reply.body.kpis.found).toBe(9)
    expect(reply.body.previousKpis.found).toBe(0)
    expect(reply.body.trend).toHaveLength(7)
    expect(reply.body.units[0]).toMatchObject({
      name: expect.any(String),
      assigned: expect.any(Number),
    })
  })
})

// rendering a PDF embeds CJK fonts: seconds each on a loaded machine
describe('督查通报', { timeout: 120_000 }, () => {
  let id: string
  test('draft for the round, edit the 建议, issue: numbered 1 for 2026, archived, downloaded unchanged', async () => {
    const rounds = await client('admin').get('/api/rounds')
    const roundId = rounds.body.items[0].id
    const draft = await client('admin').post('/api/supervision/bulletins', { roundId })
    expect(draft.status).toBe(201)
    id = draft.body.id
    expect(draft.body.content.basics.join('')).toContain('第一督查组（组长：县委督查室主任李明')
    const edited = await client('admin').send(`/api/supervision/documents/${id}`, {
      method: 'PATCH',
      body: JSON.stringify({ suggestions: '（一）县市场监督管理局要立即清运垃圾。' }),
      headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch' },
    })
    expect(edited.status).toBe(200)
    const issued = await client('admin').post(`/api/supervision/documents/${id}/issue`)
    expect(issued.status).toBe(200)
    expect(issued.body).toMatchObject({ status: 'issued', year: 2026, number: 1 })

    const docx1 = await client('commander').get(`/api/supervision/documents/${id}/file/docx`)
    const docx2 = await client('inspector').get(`/api/supervision/documents/${id}/file/docx`)
    expect(docx1.status).toBe(200)
    expect(docx1.bytes.equals(docx2.bytes)).toBe(true)
    const text = squash(readDocx(new Uint8Array(docx1.bytes)).paragraphs.join(''))
    expect(text).toContain('2026年第1期')
    expect(text).toContain('县市场监督管理局要立即清运垃圾')
    const pdf = await client('commander').get(`/api/supervision/documents/${id}/file/pdf`)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    expect(squash(readPdf(new Uint8Array(pdf.bytes)).text)).toContain(
      '县市场监督管理局要立即清运垃圾',
    )
  })

  test('an issued 通报 cannot be edited or issued again; the next one is number 2', async () => {
    const patch = await client('admin').send(`/api/supervision/documents/${id}`, {
      method: 'PATCH',
      body: JSON.stringify({ suggestions: '改' }),
      headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch' },
    })
    expect(patch.status).toBe(400)
    expect((await client('admin').post(`/api/supervision/documents/${id}/issue`)).status).toBe(400)
    const next = await client('commander').post('/api/supervision/bulletins', {
      period: 'this-week',
    })
    const issued = await client('commander').post(
      `/api/supervision/documents/${next.body.id}/issue`,
    )
    expect(issued.body.number).toBe(2)
  })

  test('the 基本情况 lead and each 存在的问题 summary are drafted, edited, and kept as issued', async () => {
    const edit = (json: unknown) =>
      client('commander').send(`/api/supervision/documents/${draftId}`, {
        method: 'PATCH',
        body: JSON.stringify(json),
        headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch' },
      })
    const draft = await client('commander').post('/api/supervision/bulletins', {
      period: 'this-week',
    })
    const draftId = draft.body.id
    const { basics, problems } = draft.body.content as {
      basics: string[]
      problems: { heading: string; text: string }[]
    }
    // drafted defaults: who inspected when, and one summary per kind of problem
    expect(basics[0]).toMatch(/^2026年11月16日至11月22日，/)
    expect(problems.length).toBeGreaterThan(0)
    expect(problems[0]?.text.length).toBeGreaterThan(0)

    const lead = '11月16日至22日，县委督查室、县政府督查室会同县创建办对城区开展联合督查。'
    const summary = '部分路段垃圾清运不及时，县城市管理局所辖路段问题较多。'
    const edited = await edit({
      basics: [lead, ...basics.slice(1)],
      problems: problems.map((p, i) => (i === 0 ? { ...p, text: summary } : p)),
    })
    expect(edited.status).toBe(200)
    expect(edited.body.content.basics[0]).toBe(lead)
    expect(edited.body.content.basics.slice(1)).toEqual(basics.slice(1))
    expect(edited.body.content.problems[0]).toEqual({
      heading: problems[0]?.heading,
      text: summary,
    })

    const noHeading = await edit({ problems: [{ heading: '', text: 'x' }] })
    expect(noHeading.status).toBe(400)
    expect(noHeading.body.errors[0].field).toBe('problems.0.heading')

    const issued = await client('commander').post(`/api/supervision/documents/${draftId}/issue`)
    expect(issued.body).toMatchObject({ status: 'issued', year: 2026 })
    const file = (format: string) =>
      client('commander').get(`/api/supervision/documents/${draftId}/file/${format}`)
    const [docx1, pdf1] = [await file('docx'), await file('pdf')]
    const docxText = squash(readDocx(new Uint8Array(docx1.bytes)).paragraphs.join(''))
    const pdfText = squash(readPdf(new Uint8Array(pdf1.bytes)).text)
    for (const text of [docxText, pdfText]) {
      expect(text).toContain(squash(lead))
      expect(text).toContain(squash(summary))
      expect(text).not.toContain(squash(basics[0] ?? ''))
    }
    // no edit after issuing; the archived files are the same bytes on every download
    expect((await edit({ basics: ['改'] })).status).toBe(400)
    expect((await file('docx')).bytes.equals(docx1.bytes)).toBe(true)
    expect((await file('pdf')).bytes.equals(pdf1.bytes)).toBe(true)
  })
})

// rendering a PDF embeds CJK fonts: seconds each on a loaded machine
describe('整改通知书 and 签收', { timeout: 120_000 }, () => {
  let id: string
  test('issued to 县城市管理局: numbered, an event on each listed issue', async () => {
    const draft = await client('inspector').post('/api/supervision/notices', {
      unitCode: 'urban-management',
      issueIds: ['i-fixing', 'i-pending'],
    })
    expect(draft.status).toBe(201)
    id = draft.body.id
    expect(draft.body.content.items[0]).toMatchObject({
      issueId: 'i-fixing',
      location: expect.stringContaining('网格 532927101001002'),
      link: expect.stringContaining('/?panel=ledger&sel=issues/i-fixing'),
    })
    const issued = await client('inspector').post(`/api/supervision/documents/${id}/issue`)
    expect(issued.body).toMatchObject({ status: 'issued', number: 1 })
    const detail = await client('inspector').get('/api/issues/i-fixing')
    expect(detail.body.events.at(-1)).toMatchObject({
      action: 'note',
      note: '已下发整改通知书 巍创整改〔2026〕1号',
    })
    const pdf = await client('inspector').get(`/api/supervision/documents/${id}/file/pdf`)
    expect(squash(readPdf(new Uint8Array(pdf.bytes)).text)).toContain('巍创整改〔2026〕1号')
  })

  test('an issue found away from a check point is placed by the nearest one, with the distance', async () => {
    const reported = await client('inspector').post('/api/issues', {
      lngLat: places.seat.lngLat,
      category: 'graffiti',
      description: '墙面小广告',
    })
    const draft = await client('inspector').post('/api/supervision/notices', {
      unitCode: 'urban-management',
      issueIds: [reported.body.id],
    })
    expect(draft.body.content.items[0].location).toMatch(
      /南诏镇 · 网格 532927101001002 · 最近点位 .+（约 \d+ 米）/,
    )
  })

  test('an issue of another unit cannot be listed', async () => {
    const reply = await client('inspector').post('/api/supervision/notices', {
      unitCode: 'urban-management',
      issueIds: ['i-market'],
    })
    expect(reply.status).toBe(400)
    expect(reply.body.errors[0].field).toBe('issueIds.0')
  })

  test('the unit operator sees the notice of their unit, another unit does not; 签收 is recorded once', async () => {
    const mine = await client('unit-um').get('/api/supervision/documents')
    expect(mine.body.items.map((d: { id: string }) => d.id)).toEqual([id])
    expect((await client('unit-market').get('/api/supervision/documents')).body.items).toEqual([])
    expect((await client('unit-market').get(`/api/supervision/documents/${id}`)).status).toBe(404)
    expect(
      (await client('unit-market').post(`/api/supervision/documents/${id}/receipt`)).status,
    ).toBe(403)
    const received = await client('unit-um').post(`/api/supervision/documents/${id}/receipt`)
    expect(received.status).toBe(200)
    expect(received.body).toMatchObject({ receivedBy: 'unit-um', receivedAt: expect.any(String) })
    const detail = await client('inspector').get('/api/issues/i-pending')
    expect(detail.body.events.at(-1).note).toBe('县城市管理局已签收整改通知书 巍创整改〔2026〕1号')
  })
})

// Role × scope of every write route; 201/200 allowed, 403 forbidden by role, 401 anonymous.
// rendering a PDF embeds CJK fonts: seconds each on a loaded machine
describe('who may write', { timeout: 120_000 }, () => {
  const roundBody = { ...newRound, name: '权限测试' }
  const cases: [string, string, () => Promise<{ status: number }>, number][] = []
  const post = (user: string, path: string, body?: unknown) => () =>
    user === 'anonymous' ? ledger.anonymous.post(path, body) : client(user).post(path, body)
  for (const [user, status] of [
    ['inspector', 201],
    ['admin', 201],
    ['commander', 403],
    ['unit-um', 403],
    ['planner', 403],
    ['grid-nanzhao', 403],
    ['anonymous', 401],
  ] as const) {
    cases.push([user, 'POST /api/rounds', post(user, '/api/rounds', roundBody), status])
  }
  for (const [user, status] of [
    ['inspector', 201],
    ['commander', 201],
    ['admin', 201],
    ['unit-um', 403],
    ['planner', 403],
    ['grid-nanzhao', 403],
    ['anonymous', 401],
  ] as const) {
    cases.push([
      user,
      'POST /api/supervision/bulletins',
      post(user, '/api/supervision/bulletins', { period: 'this-week' }),
      status,
    ])
    cases.push([
      user,
      'POST /api/supervision/notices',
      post(user, '/api/supervision/notices', {
        unitCode: 'urban-management',
        issueIds: ['i-closed'],
      }),
      status,
    ])
  }
  // 登记到达: whoever may edit rounds, on any round
  let visitRound = ''
  const visitOf = (user: string) => async () => {
    if (!visitRound)
      visitRound = (
        await client('admin').post('/api/rounds', {
          ...roundBody,
          targets: [{ kind: 'unit', code: 'health', name: '县卫生健康局' }],
        })
      ).body.id
    return post(user, `/api/rounds/${visitRound}/visits`, { kind: 'unit', code: 'health' })()
  }
  for (const [user, status] of [
    ['inspector', 200],
    ['admin', 200],
    ['commander', 403],
    ['unit-um', 403],
    ['unit-market', 403],
    ['planner', 403],
    ['grid-nanzhao', 403],
    ['anonymous', 401],
  ] as const) {
    cases.push([user, 'POST /api/rounds/:id/visits', visitOf(user), status])
  }
  test.each(cases)('%s → %s → %i', async (_user, _route, call, status) => {
    expect((await call()).status).toBe(status)
  })

  test.each([
    ['inspector', 200],
    ['commander', 200],
    ['unit-um', 403],
    ['planner', 403],
  ] as const)('issuing a draft: %s → %i', async (user, status) => {
    const draft = await client('admin').post('/api/supervision/bulletins', { period: 'last-week' })
    expect(
      (await client(user).post(`/api/supervision/documents/${draft.body.id}/issue`)).status,
    ).toBe(status)
  })

  test.each([
    ['admin', 403],
    ['inspector', 403],
    ['commander', 403],
  ] as const)('签收 is the unit operator’s alone: %s → %i', async (user, status) => {
    const docs = await client('admin').get('/api/supervision/documents?kind=notice')
    const issued = docs.body.items.find((d: { status: string }) => d.status === 'issued')
    expect(
      (await client(user).post(`/api/supervision/documents/${issued.id}/receipt`)).status,
    ).toBe(status)
  })

  test('PUT settings is the 管理员’s alone', async () => {
    const put = (user: string) =>
      client(user).send('/api/supervision/settings', {
        method: 'PUT',
        body: JSON.stringify({
          mastheadName: '督促检查情况',
          issuerName: '巍山县创建办',
          reportTo: '县委',
          sendTo: '各乡镇',
          noticePrefix: '巍创改',
          noticeIssuer: '巍山县创建办',
          minIssuesToRank: 3,
        }),
        headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch' },
      })
    expect((await put('commander')).status).toBe(403)
    expect((await put('admin')).status).toBe(200)
  })
})
