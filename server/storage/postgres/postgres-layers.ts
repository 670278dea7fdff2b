// A whole layer replaced inside a grid change (the county's own townships or check points): every
// row of the collection goes, the new ones come, the stats are counted again.
import type { CollectionDef } from '../../collections.ts'
import { CollectionSummary } from '../sqlite/collection-summary.ts'
import type { GeoJsonFeature } from '../store.ts'
import { type Queryable, query } from './postgres-db.ts'
import { insertFeatureRows, saveStats, toFeatureRow } from './postgres-features.ts'

export async function replaceFeatureRows(
  db: Queryable,
  def: CollectionDef,
  features: readonly GeoJsonFeature[],
): Promise<void> {
  await query(db, 'DELETE FROM features WHERE collection = $1', [def.id])
  const summary = new CollectionSummary(def.id, 0)
  const rows = features.map((feature, index) => {
    const row = toFeatureRow(def, String(feature.id ?? index + 1), feature)
    summary.add(row.bbox, true, row.t ?? undefined, row.properties)
    return row
  })
  await insertFeatureRows(db, def.id, rows)
  await saveStats(db, summary.toRow())
}
