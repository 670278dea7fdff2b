// A small, seeded data set in an in-memory store, for HTTP tests that must know the right answers.
import { findCollection } from '../../server/collections.ts'
import { checkpointCategories } from '../../server/domain/checkpoint.ts'
import { issueCategories, issueStatuses } from '../../server/domain/issue.ts'
import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'
import type { GeoJsonFeature, Store } from '../../server/storage/store.ts'
import { buildCheckpoint, buildGrid, buildIssue, mulberry32 } from '../builders.ts'

export interface Fixtures {
  issues: GeoJsonFeature[]
  checkpoints: GeoJsonFeature[]
  grids: GeoJsonFeature[]
}

export function buildFixtures(seed = 7): Fixtures {
  const random = mulberry32(seed)
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T
  const near = (): [number, number] => [
    Number((100.28 + random() * 0.05).toFixed(6)),
    Number((25.21 + random() * 0.05).toFixed(6)),
  ]
  const checkpoints = Array.from({ length: 60 }, (_, i) =>
    buildCheckpoint({
      id: `cp-${String(i + 1).padStart(3, '0')}`,
      lngLat: near(),
      properties: {
        kind: i % 3 === 0 ? 'fixed' : 'random',
        category: pick(checkpointCategories),
        townshipCode: i % 2 === 0 ? '532927101' : '532927102',
      },
    }),
  )
  const issues = Array.from({ length: 45 }, (_, i) => {
    const reportedMs = Date.parse('2026-09-01T00:00:00Z') + Math.floor(random() * 80) * 86_400_000
    const status = pick(issueStatuses)
    return buildIssue({
      id: `is-${String(i + 1).padStart(3, '0')}`,
      lngLat: near(),
      properties: {
        status,
        category: pick(issueCategories),
        reportedAt: new Date(reportedMs).toISOString().replace('.000Z', 'Z'),
        updatedAt: new Date(reportedMs + 86_400_000).toISOString().replace('.000Z', 'Z'),
        deadlineAt: new Date(reportedMs + 3 * 86_400_000).toISOString().replace('.000Z', 'Z'),
        ...(status === 'closed'
          ? { closedAt: new Date(reportedMs + 2 * 86_400_000).toISOString().replace('.000Z', 'Z') }
          : {}),
        townshipCode: i % 2 === 0 ? '532927101' : '532927102',
        gridCode: `5329271010010${String((i % 4) + 1).padStart(2, '0')}`,
      },
    })
  })
  const grids = [0, 1, 2, 3].map((i) =>
    buildGrid({
      id: `5329271010010${String(i + 1).padStart(2, '0')}`,
      bbox: [
        100.28 + (i % 2) * 0.025,
        25.21 + Math.floor(i / 2) * 0.025,
        100.305 + (i % 2) * 0.025,
        25.235 + Math.floor(i / 2) * 0.025,
      ],
    }),
  )
  return { issues, checkpoints, grids }
}

export async function openFixtureStore(fixtures: Fixtures = buildFixtures()): Promise<Store> {
  const store = await openSqliteStore(':memory:')
  const def = (id: string) => {
    const found = findCollection(id)
    if (!found) throw new Error(`no collection ${id}`)
    return found
  }
  await store.loadCollections([
    { def: def('issues'), features: fixtures.issues },
    { def: def('checkpoints'), features: fixtures.checkpoints },
    { def: def('grids'), features: fixtures.grids },
  ])
  return store
}
