// Every planning compute and read answer says how fresh its issue data is (`dataAsOf`, ISO 8601 UTC):
// the time of the ledger snapshot the planning service computes on.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type LedgerApp, pinnedNow } from './ledger-app.ts'
import { startPlanningApp } from './planning-app.ts'

const isoUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

const requests: [
  name: string,
  send: (ledger: LedgerApp) => ReturnType<LedgerApp['anonymous']['get']>,
][] = [
  ['candidates', (l) => l.anonymous.post('/api/planning/candidates', {})],
  ['optimise', (l) => l.anonymous.post('/api/planning/optimise', { constraints: { size: 5 } })],
  ['rehearsal', (l) => l.anonymous.post('/api/planning/rehearsal', { seed: 1, draws: 20 })],
  ['forecast', (l) => l.anonymous.post('/api/planning/forecast', { seed: 1, draws: 20 })],
  ['seat-radius', (l) => l.anonymous.get('/api/planning/seat-radius')],
  ['corridors', (l) => l.anonymous.get('/api/planning/corridors')],
  ['plan list', (l) => l.anonymous.get('/api/plans')],
]

describe('dataAsOf on planning answers', () => {
  let ledger: LedgerApp
  beforeAll(async () => {
    ledger = await startPlanningApp()
  })
  afterAll(async () => {
    await ledger?.close()
  })

  test.each(requests)(
    '%s carries dataAsOf in ISO 8601 UTC, not after the clock',
    async (_, send) => {
      ledger.clock.now = pinnedNow
      const reply = await send(ledger)
      expect(reply.status, JSON.stringify(reply.body).slice(0, 300)).toBe(200)
      expect(reply.body.dataAsOf).toMatch(isoUtc)
      expect(Date.parse(reply.body.dataAsOf)).toBeLessThanOrEqual(pinnedNow.getTime())
    },
  )

  test('a saved plan, its compare and its detail carry dataAsOf too', async () => {
    ledger.clock.now = pinnedNow
    const planner = await ledger.login('planner')
    const ids = (await ledger.anonymous.post('/api/planning/candidates', {})).body.items
      .slice(0, 3)
      .map((c: { checkpointId: string }) => c.checkpointId)
    const a = await planner.post('/api/plans', { name: '新鲜度A', checkpointIds: ids })
    const b = await planner.post('/api/plans', { name: '新鲜度B', checkpointIds: ids.slice(1) })
    expect([a.status, b.status]).toEqual([201, 201])
    const detail = await ledger.anonymous.get(`/api/plans/${a.body.id}`)
    const compare = await ledger.anonymous.get(`/api/plans/compare?a=${a.body.id}&b=${b.body.id}`)
    for (const reply of [detail, compare]) {
      expect(reply.status).toBe(200)
      expect(Date.parse(reply.body.dataAsOf)).toBeLessThanOrEqual(pinnedNow.getTime())
    }
  })

  test('while the ledger is unchanged the snapshot is as fresh as the clock', async () => {
    const later = new Date(pinnedNow.getTime() + 7 * 60_000)
    ledger.clock.now = later
    const reply = await ledger.anonymous.get('/api/planning/corridors')
    expect(reply.body.dataAsOf).toBe(later.toISOString())
  })
})
