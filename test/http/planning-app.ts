// The ledger app of the HTTP tests over the demo ledger (2,600 issues) plus every layer planning reads
// (seats, villages, 1 km radii, rivers, roads), at the demo's own time.
import { readFileSync } from 'node:fs'
import { findCollection } from '../../server/collections.ts'
import type { GeoJsonFeature } from '../../server/storage/store.ts'
import { type LedgerApp, startLedgerApp } from './ledger-app.ts'

export const planningLayers = ['seats', 'villages', 'township-radii', 'rivers', 'roads'] as const

export function readLayer(id: string): GeoJsonFeature[] {
  const url = new URL(`../../geodata/${id}.geojson`, import.meta.url)
  return (JSON.parse(readFileSync(url, 'utf8')) as { features: GeoJsonFeature[] }).features
}

export async function startPlanningApp(
  options: Parameters<typeof startLedgerApp>[0] = {},
): Promise<LedgerApp> {
  const ledger = await startLedgerApp({ issues: readLayer('issues'), ...options })
  await ledger.store.loadCollections(
    planningLayers.map((id) => {
      const def = findCollection(id)
      if (!def) throw new Error(`no collection ${id}`)
      return { def, features: readLayer(id) }
    }),
  )
  return ledger
}
