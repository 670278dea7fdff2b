// Nothing a client sends may 5xx or corrupt the database: 600 seeded hostile requests across every
// ledger endpoint (odd methods, ids, bodies, types, cookies, tokens), then the database is checked
// from outside — integrity, foreign keys, every history replaying to its issue, indexes in step.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type IssueEvent, replay } from '../../server/domain/issue.ts'
import { mulberry32 } from '../builders.ts'
import { type Client, type LedgerApp, startLedgerApp } from './ledger-app.ts'

const dir = mkdtempSync(join(tmpdir(), 'weishan-hostile-'))
const databasePath = join(dir, 'inspection.db')
let ledger: LedgerApp
let sessions: Client[]
beforeAll(async () => {
  ledger = await startLedgerApp({ databasePath })
  sessions = [
    ledger.anonymous,
    ...(await Promise.all(
      ['admin', 'inspector', 'unit-um', 'grid-nanzhao'].map((u) => ledger.login(u)),
    )),
  ]
})
afterAll(async () => {
  await ledger.close()
  rmSync(dir, { recursive: true, force: true })
})

const random = mulberry32(20261122)
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T

const ids = [
  'i-pending',
  'i-fixing',
  'i-reviewing',
  'i-closed',
  'i-market',
  'nope',
  '',
  '%00',
  '..%2F..',
  '中文',
  'x'.repeat(300),
  '%E0%A4%A',
  'export.xlsx',
  'issue-00001',
]
const paths = (id: string) => [
  `/api/issues/${id}`,
  `/api/issues/${id}/transitions`,
  `/api/issues/${id}/notes`,
  `/api/issues/${id}/attachments`,
  `/api/attachments/${id}`,
  '/api/issues',
  '/api/issues/import',
  '/api/checkpoints/import?filename=a.zip',
  '/api/session',
  '/api/units',
  '/api/users',
  `/api/issues/export.${pick(['xlsx', 'csv', 'geojson', 'exe', ''])}?status=${pick(['fixing', 'x', ''])}`,
  `/api/issues?${pick(['limit=-1', 'offset=1e99', 'sort=__proto__', 'status[]=a', 'q=%FF', 'overdue=', 'township=532927101'])}`,
  `/collections/issues/items?overdue=${pick(['true', 'false', 'yes', ''])}`,
]

function jsonValue(depth = 0): unknown {
  const kind = Math.floor(random() * (depth > 2 ? 6 : 8))
  switch (kind) {
    case 0:
      return null
    case 1:
      return random() * 1e12 - 5e11
    case 2:
      return pick([
        '',
        'assign',
        'approve',
        'reopen',
        'rectify',
        '<script>',
        '\u0000',
        '💥'.repeat(50),
        'x'.repeat(3000),
      ])
    case 3:
      return random() < 0.5
    case 4:
      return pick([1, 0, -1, 1.5, 2 ** 53, Number.MAX_SAFE_INTEGER])
    case 5:
      return pick([
        '2026-12-01T00:00:00Z',
        '2020-01-01T00:00:00Z',
        'not a date',
        '9999-99-99T99:99:99Z',
      ])
    case 6:
      return Array.from({ length: Math.floor(random() * 4) }, () => jsonValue(depth + 1))
    default: {
      const keys = [
        'action',
        'version',
        'note',
        'responsibleUnit',
        'deadlineAt',
        'attachmentIds',
        'lngLat',
        'category',
        'description',
        'username',
        'password',
        '__proto__',
        'constructor',
        'status',
      ]
      return Object.fromEntries(
        Array.from({ length: Math.floor(random() * 6) }, () => [pick(keys), jsonValue(depth + 1)]),
      )
    }
  }
}

function body(): { body?: string | Uint8Array; type?: string } {
  switch (Math.floor(random() * 6)) {
    case 0:
      return {}
    case 1:
      return { body: JSON.stringify(jsonValue()), type: 'application/json' }
    case 2:
      return { body: '{"action": "assign", "version": ', type: 'application/json' }
    case 3:
      return {
        body: new Uint8Array(
          Array.from({ length: Math.floor(random() * 300) }, () => Math.floor(random() * 256)),
        ),
        type: pick([
          'image/jpeg',
          'image/png',
          'text/csv',
          'application/octet-stream',
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        ]),
      }
    case 4: {
      const action = pick(['assign', 'rectify', 'approve', 'reject', 'reopen'])
      return {
        body: JSON.stringify({
          action,
          version: pick([1, 2, 3]),
          note: '说明',
          responsibleUnit: pick(['housing', 'nope']),
          deadlineAt: '2026-12-01T00:00:00Z',
        }),
        type: 'application/json',
      }
    }
    default:
      return {
        body: 'a=1&b=2',
        type: pick([
          'application/x-www-form-urlencoded',
          'text/plain',
          'multipart/form-data; boundary=x',
        ]),
      }
  }
}

describe('hostile requests', () => {
  test('600 seeded requests: none answers 5xx, every /api error is problem+json', async () => {
    const failures: string[] = []
    for (let i = 0; i < 600; i++) {
      const client = pick(sessions)
      const path = pick(paths(pick(ids)))
      const method = pick(['GET', 'POST', 'POST', 'POST', 'DELETE', 'PUT', 'PATCH', 'HEAD'])
      const { body: sent, type } = method === 'GET' || method === 'HEAD' ? {} : body()
      const headers: Record<string, string> = {}
      if (type) headers['content-type'] = type
      if (random() < 0.85) headers['x-requested-with'] = 'fetch'
      if (random() < 0.1)
        headers.authorization = pick([
          `Bearer ${ledger.displayToken}`,
          'Bearer nope',
          'Basic YWRtaW46eA==',
        ])
      if (random() < 0.05)
        headers.cookie = pick([
          'weishan_session=',
          'weishan_session=%',
          `weishan_session=${'Z'.repeat(43)}`,
        ])
      const reply = await client.send(path, { method, body: sent, headers })
      const label = `${method} ${path.slice(0, 80)} → ${reply.status}`
      if (reply.status >= 500) failures.push(`${label} ${JSON.stringify(reply.body).slice(0, 200)}`)
      if (
        reply.status >= 400 &&
        method !== 'HEAD' &&
        !/problem\+json/.test(reply.headers.get('content-type') ?? '')
      ) {
        failures.push(`${label} answered ${reply.headers.get('content-type')}`)
      }
    }
    expect(failures).toEqual([])
  }, 120_000) // a liveness bound: imports start a parser worker (seconds on a loaded machine)

  test('the database is intact afterwards: integrity, keys, histories, indexes and counts', async () => {
    const db = new Database(databasePath, { readonly: true })
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(db.pragma('foreign_key_check')).toEqual([])
      const rows = db
        .prepare(
          "SELECT id, json, version, status, responsible_unit FROM features WHERE collection = 'issues'",
        )
        .all() as {
        id: string
        json: string
        version: number
        status: string
        responsible_unit: string
      }[]
      for (const row of rows) {
        const feature = JSON.parse(row.json)
        expect([row.status, row.responsible_unit]).toEqual([
          feature.properties.status,
          feature.properties.responsibleUnit,
        ])
        const events = (await ledger.store.issueEvents(row.id)) as IssueEvent[]
        const state = replay(events)
        expect({ version: state.version, properties: state.properties }).toEqual({
          version: row.version,
          properties: feature.properties,
        })
      }
      const counts = db
        .prepare(
          'SELECT s.collection, s.count, (SELECT count(*) FROM features f WHERE f.collection = s.collection) AS actual FROM collection_stats s',
        )
        .all() as { count: number; actual: number }[]
      for (const c of counts) expect(c.count).toBe(c.actual)
      const rtree = db.prepare('SELECT count(*) FROM features_rtree').pluck().get()
      expect(rtree).toBe(
        db.prepare('SELECT count(*) FROM features WHERE minx IS NOT NULL').pluck().get(),
      )
    } finally {
      db.close()
    }
  })
})
