// Loads geodata/<collection>.geojson into a store on first start, in one transaction.
// Demo time rebasing: the synthetic ledger was generated as of demoSeedNow; shifting every issue time
// by the whole days since then makes the ledger look current whenever the product is first started.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type CollectionDef, collections } from '../collections.ts'
import type { CollectionData, GeoJsonFeature, Store } from './store.ts'

/** The "now" the demo issues were generated with (geodata build). */
export const demoSeedNow = new Date('2026-11-22T00:00:00Z')

/** Time properties moved by rebasing, per collection. */
export const demoTimeProperties: Readonly<Record<string, readonly string[]>> = {
  issues: ['reportedAt', 'updatedAt', 'deadlineAt', 'closedAt'],
}

const dayMs = 86_400_000

export interface LoadGeodataOptions {
  dir: string // folder holding <collection id>.geojson
  collections?: readonly CollectionDef[] // default: every served collection
  /** Shift demo times to this load time (whole days), or false to load them as generated. */
  rebaseTo: Date | false
  seedNow?: Date // @default demoSeedNow
}

export interface LoadReport {
  loaded: { id: string; count: number }[]
  missing: string[] // collections without a .geojson file; served empty until a later start
  shiftDays: number
}

/** Whole days between the seed "now" and the load time, rounded down so no demo time lands in the future. */
export function demoShiftDays(loadTime: Date, seedNow: Date = demoSeedNow): number {
  return Math.floor((loadTime.getTime() - seedNow.getTime()) / dayMs)
}

/** Copies of the features with the named ISO time properties moved by `days`. */
export function shiftTimes(
  features: readonly GeoJsonFeature[],
  properties: readonly string[],
  days: number,
): GeoJsonFeature[] {
  if (days === 0) return [...features]
  const shiftMs = days * dayMs
  return features.map((feature) => {
    if (!feature.properties) return feature
    const shifted = { ...feature.properties }
    for (const name of properties) {
      const value = shifted[name]
      const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN
      if (Number.isFinite(ms)) shifted[name] = shiftIso(value as string, ms + shiftMs)
    }
    return { ...feature, properties: shifted }
  })
}

// keep the source's precision: no milliseconds appear where there were none
function shiftIso(original: string, ms: number): string {
  const iso = new Date(ms).toISOString()
  return original.includes('.') ? iso : iso.replace('.000Z', 'Z')
}

export async function loadGeodata(store: Store, options: LoadGeodataOptions): Promise<LoadReport> {
  const defs = options.collections ?? collections
  const shiftDays = options.rebaseTo ? demoShiftDays(options.rebaseTo, options.seedNow) : 0
  const batch: CollectionData[] = []
  const missing: string[] = []
  for (const def of defs) {
    const features = await readFeatures(join(options.dir, `${def.id}.geojson`))
    if (!features) {
      missing.push(def.id)
      continue
    }
    const timeProperties = demoTimeProperties[def.id]
    batch.push({
      def,
      features: timeProperties ? shiftTimes(features, timeProperties, shiftDays) : features,
    })
  }
  await store.loadCollections(batch)
  return {
    loaded: batch.map((c) => ({ id: c.def.id, count: c.features.length })),
    missing,
    shiftDays,
  }
}

async function readFeatures(path: string): Promise<GeoJsonFeature[] | undefined> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
  const parsed = JSON.parse(text) as { type?: unknown; features?: unknown }
  if (parsed.type !== 'FeatureCollection' || !Array.isArray(parsed.features)) {
    throw new Error(`${path} 不是 GeoJSON FeatureCollection`)
  }
  return parsed.features as GeoJsonFeature[]
}
