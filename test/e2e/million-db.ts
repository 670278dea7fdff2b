// Builds a SQLite database holding the demo layers and `count` issues spread like the demo ledger
// (each a demo issue moved by ≈ 50 m, keeping its township, grid and unit; status, category and
// times drawn from a seeded generator). For e2e:million; deterministic for a seed.
import { findCollection } from '../../server/collections.ts'
import { issueCategories, issueStatuses } from '../../server/domain/issue.ts'
import { loadGeodata } from '../../server/storage/load-geodata.ts'
import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'
import type { GeoJsonFeature } from '../../server/storage/store.ts'
import { mulberry32 } from '../builders.ts'

export async function buildMillionDb(path: string, count: number, seed = 20261122): Promise<void> {
  const store = await openSqliteStore(path)
  try {
    const now = new Date()
    await loadGeodata(store, { dir: 'geodata', rebaseTo: now })
    const demo = await store.features('issues', { properties: {}, limit: 100_000, offset: 0 })
    const centres = demo.features.map(
      (text) =>
        JSON.parse(text) as {
          geometry: { coordinates: [number, number] }
          properties: Record<string, unknown>
        },
    )
    const random = mulberry32(seed)
    const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T
    const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z')
    const features: GeoJsonFeature[] = new Array(count)
    for (let i = 0; i < count; i++) {
      const centre = pick(centres)
      const [x, y] = centre.geometry.coordinates
      const reported = now.getTime() - Math.floor(random() * 365 * 86_400_000)
      const status = pick(issueStatuses)
      const properties: Record<string, unknown> = {
        ...centre.properties,
        category: pick(issueCategories),
        status,
        reportedAt: iso(reported),
        updatedAt: iso(reported + 86_400_000),
        deadlineAt: iso(reported + 3 * 86_400_000),
      }
      if (status === 'closed') properties.closedAt = iso(reported + 2 * 86_400_000)
      else delete properties.closedAt
      features[i] = {
        type: 'Feature',
        id: `m-${String(i + 1).padStart(7, '0')}`,
        geometry: {
          type: 'Point',
          coordinates: [
            Number((x + gauss() * 0.0005).toFixed(6)),
            Number((y + gauss() * 0.0005).toFixed(6)),
          ],
        },
        properties,
      }
    }
    const def = findCollection('issues')
    if (!def) throw new Error('no issues collection')
    await store.loadCollections([{ def, features }])
  } finally {
    await store.close()
  }
}
