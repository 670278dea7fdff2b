// The whole build as a pure function of a place's sources, its build.json and a seed: sources →
// partition (townships, villages, grids) → check points → issues → serialized files. No clock, no
// Math.random. One pipeline for every place (geodata/places/<code>/).

import { townshipFeatures, townshipRadiusFeatures, villageFeatures } from './admin-layers.ts'
import { buildCheckpoints, checkpointFeatures } from './checkpoints.ts'
import { countyFeatures, neighborFeatures, riverFeatures, seatFeatures } from './context-layers.ts'
import { codeGrids, gridFeatures, shortVillageName } from './grid-layer.ts'
import { buildIssueFeatures } from './issues.ts'
import { createLocator } from './locate.ts'
import { buildPartition } from './partition.ts'
import { landmarkPoint, loadPlaceBuild } from './place-profile.ts'
import { setPlaneLatitude } from './plane.ts'
import { streamRng } from './prng.ts'
import { readSources } from './read-sources.ts'
import { roadFeatures } from './road-layer.ts'
import { toFeatureCollectionText } from './write.ts'

export const seedNow = '2026-11-22T00:00:00Z' // the ledger's "now"; the server rebases from it

/** Output files in write order; each is `geodata/<name>` and an OGC collection. */
export const outputNames = [
  'county',
  'neighbors',
  'rivers',
  'seats',
  'townships',
  'township-radii',
  'villages',
  'grids',
  'checkpoints',
  'issues',
  'roads',
] as const

export interface BuildOptions {
  place: string // 6-digit adcode: geodata/places/<place>/build.json
  sourcesDir?: string // @default the place's sources (geodata/sources for the default place)
  seed?: number // @default build.json seed (the adcode)
  now?: string // @default seedNow
}

/** Builds every layer and returns file name (`county.geojson` …) → file text. */
export function buildGeodataFiles(options: BuildOptions): Map<string, string> {
  const { profile, names, sourcesDir } = loadPlaceBuild(options.place, options.sourcesDir)
  const seed = options.seed ?? profile.seed
  const now = options.now ?? seedNow
  setPlaneLatitude(profile.planeLatitude)
  const sources = readSources(sourcesDir, options.place, profile)
  const partition = buildPartition(sources, seed, profile)
  const grids = codeGrids(sources, partition.grids, streamRng(seed, 'grid-units'))
  const locate = createLocator(grids)
  const villageShortNames = new Map(sources.villages.map((v) => [v.code, shortVillageName(v.name)]))
  const checkpoints = buildCheckpoints(
    {
      locate,
      countySeat: sources.coreCentre,
      coreRadiusKm: partition.core.maxRadiusKm,
      landmarks: profile.landmarks.map((l) => ({
        name: l.name,
        lngLat: landmarkPoint(l, sources.coreCentre),
        township: l.township,
      })),
      townships: sources.townships.map((t) => ({ code: t.code, name: t.name, seat: t.seat })),
      coreTownship: profile.core.township,
      villageShortNames,
    },
    streamRng(seed, 'checkpoints'),
  )

  const layers: Record<(typeof outputNames)[number], () => ReturnType<typeof countyFeatures>> = {
    county: () => countyFeatures(partition.county, names),
    neighbors: () => neighborFeatures(sources),
    rivers: () => riverFeatures(sources, profile.rivers?.names ?? {}),
    seats: () => seatFeatures(sources, profile.countySeatName),
    townships: () => townshipFeatures(sources, partition),
    'township-radii': () => townshipRadiusFeatures(sources, partition),
    villages: () => villageFeatures(sources, partition),
    grids: () => gridFeatures(grids, streamRng(seed, 'grid-managers')),
    checkpoints: () => checkpointFeatures(checkpoints),
    issues: () => buildIssueFeatures({ checkpoints, locate, now }, streamRng(seed, 'issues')),
    roads: () => roadFeatures(sources.coreCentre, sources.townships, streamRng(seed, 'roads')),
  }
  const files = new Map<string, string>()
  for (const name of outputNames)
    files.set(`${name}.geojson`, toFeatureCollectionText(layers[name]()))
  return files
}
