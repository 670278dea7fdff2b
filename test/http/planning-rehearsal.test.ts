// POST /api/planning/rehearsal and /forecast over the demo ledger: replayable by seed, bounded input.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { LedgerApp } from './ledger-app.ts'
import { startPlanningApp } from './planning-app.ts'

describe('rehearsal and forecast', () => {
  let ledger: LedgerApp
  beforeAll(async () => {
    ledger = await startPlanningApp()
  })
  afterAll(async () => {
    await ledger?.close()
  })

  test('the same seed replays the same rehearsal, another seed draws differently', async () => {
    const body = { seed: 42, draws: 200 }
    const a = await ledger.anonymous.post('/api/planning/rehearsal', body)
    expect(a.status, JSON.stringify(a.body)).toBe(200)
    const again = await ledger.anonymous.post('/api/planning/rehearsal', body)
    expect(again.body).toEqual(a.body)
    const other = await ledger.anonymous.post('/api/planning/rehearsal', { ...body, seed: 43 })
    expect(other.status).toBe(200)
    expect(other.body.first.map((p: { id: string }) => p.id)).not.toEqual(
      a.body.first.map((p: { id: string }) => p.id),
    )
    expect(a.body.draws).toBe(200)
    expect(a.body.distribution.histogram).toHaveLength(20)
  })
})
