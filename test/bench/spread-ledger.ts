// A large SQLite ledger for benchmarks, spread like the demo: each issue a demo issue's status, unit,
// grid and times (up to 6 h earlier, so the mix as of the demo's day holds), ≈ 50 m from its position.
import { existsSync, readFileSync } from 'node:fs'
import { type CollectionDef, findCollection } from '../../server/collections.ts'
import type { IssueProperties, LngLat } from '../../server/domain/issue.ts'
import { seedLedger } from '../../server/ledger/seed-ledger.ts'
import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'
import type { GeoJsonFeature, Store } from '../../server/storage/store.ts'
import { mulberry32 } from '../builders.ts'

const jitterDeg = 0.0005 // ≈ 50 m standard deviation around a demo position

interface DemoIssue {
  type: 'Feature'
  id: string
  geometry: { type: 'Point'; coordinates: LngLat }
  properties: IssueProperties
}

/** A layer of the demo's geodata/ as features. */
export const readLayer = (id: string) =>
  (JSON.parse(readFileSync(`geodata/${id}.geojson`, 'utf8')) as { features: GeoJsonFeature[] })
    .features

/** `count` issues like the demo's: a random demo issue each, moved ≈ 50 m and up to 6 h earlier. */
export function spreadIssues(count: number, random: () => number): GeoJsonFeature[] {
  const demo = readLayer('issues') as unknown as DemoIssue[]
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
  const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`
  const shift = (at: string | undefined, ms: number) =>
    at === undefined ? undefined : iso(Date.parse(at) - ms)
  return Array.from({ length: count }, (_, i) => {
    const source = demo[Math.floor(random() * demo.length)] as DemoIssue
    const p = source.properties
    const [lng, lat] = source.geometry.coordinates
    // up to 6 h earlier keeps the demo's mix of statuses, deadlines and closures as of now0
    const earlierMs = Math.floor(random() * 6 * 3600) * 1000
    const properties: IssueProperties = {
      ...p,
      reportedAt: shift(p.reportedAt, earlierMs) as string,
      updatedAt: shift(p.updatedAt, earlierMs) as string,
      deadlineAt: shift(p.deadlineAt, earlierMs) as string,
    }
    const closedAt = shift(p.closedAt, earlierMs)
    if (closedAt) properties.closedAt = closedAt
    return {
      type: 'Feature',
      id: `issue-${String(i + 1).padStart(7, '0')}`,
      geometry: {
        type: 'Point',
        coordinates: [
          Number((lng + gauss() * jitterDeg).toFixed(6)),
          Number((lat + gauss() * jitterDeg).toFixed(6)),
        ],
      },
      properties: properties as unknown as Record<string, unknown>,
    }
  })
}

/** The SQLite ledger at `path`: reused when the file exists, else built with `count` spread issues. */
export async function openSpreadLedger(path: string, count: number, seed: number): Promise<Store> {
  const reuse = existsSync(path)
  const store = await openSqliteStore(path)
  if (reuse) {
    console.log(`reusing ${path}`)
    return store
  }
  const started = performance.now()
  const def = (id: string) => findCollection(id) as CollectionDef
  await store.loadCollections([
    ...['county', 'townships', 'grids'].map((id) => ({ def: def(id), features: readLayer(id) })),
    { def: def('issues'), features: spreadIssues(count, mulberry32(seed)) },
  ])
  await seedLedger(store, { demoAccounts: false })
  console.log(
    `built ${count.toLocaleString('en')} issues in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  )
  return store
}
