// Reads the committed geodata/*.geojson files and the NBS source lists the tests check them against.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Feature, Geometry, MultiPolygon, Position } from 'geojson'

export const geodataDir = join(dirname(fileURLToPath(import.meta.url)), '../../geodata')

export interface Layer<G extends Geometry = MultiPolygon, P = Record<string, unknown>> {
  type: 'FeatureCollection'
  features: (Feature<G, P> & { id: string })[]
  [member: string]: unknown
}

export function readLayer<G extends Geometry = MultiPolygon, P = Record<string, unknown>>(
  name: string,
): Layer<G, P> {
  return JSON.parse(readFileSync(join(geodataDir, `${name}.geojson`), 'utf8')) as Layer<G, P>
}

/** Every position of a geometry, however deeply nested. */
export function positionsOf(geometry: Geometry): Position[] {
  const out: Position[] = []
  const walk = (c: unknown) => {
    if (Array.isArray(c) && typeof c[0] === 'number') out.push(c as Position)
    else if (Array.isArray(c)) for (const x of c) walk(x)
  }
  walk('coordinates' in geometry ? geometry.coordinates : [])
  return out
}

/** Rows of an NBS 2023 CSV (header skipped, quotes stripped). */
export function readNbs(file: '532927_towns.csv' | '532927_villages.csv'): string[][] {
  return readFileSync(join(geodataDir, 'sources/nbs-2023', file), 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .slice(1)
    .map((line) => line.split(',').map((f) => f.replace(/^"|"$/g, '')))
}

export const seedNow = '2026-11-22T00:00:00Z'
