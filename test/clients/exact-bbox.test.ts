// bbox over the real shapes (townships, grids, rivers) is exact: boxes on envelope corners that
// miss the geometry match nothing, and GDAL's `ogr2ogr -spat` (which filters exactly with GEOS)
// gets the same set the server sends. The independent truth is turf's booleanIntersects.
import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { get } from 'node:http'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { bboxPolygon, booleanIntersects, bbox as turfBbox } from '@turf/turf'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { collections } from '../../server/collections.ts'
import { loadGeodata } from '../../server/storage/load-geodata.ts'
import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'
import type { GeoJsonFeature, Store } from '../../server/storage/store.ts'
import { type RunningApp, startApp } from '../http/start-app.ts'

type Box = [number, number, number, number]

const run = promisify(execFile)
const geodataDir = 'geodata'
const hasGeodata = collections.every((c) => existsSync(join(geodataDir, `${c.id}.geojson`)))
const hasGdal = await run('ogr2ogr', ['--version']).then(
  () => true,
  () => false,
)

function readFeatures(id: string): GeoJsonFeature[] {
  return (
    JSON.parse(readFileSync(join(geodataDir, `${id}.geojson`), 'utf8')) as {
      features: GeoJsonFeature[]
    }
  ).features
}

function exactIds(features: GeoJsonFeature[], box: Box): string[] {
  const polygon = bboxPolygon(box)
  return features
    .filter((f) => booleanIntersects(f as never, polygon))
    .map((f) => String(f.id))
    .sort()
}

/** 0.0002° boxes (~20 m) at the four envelope corners of every feature. */
function cornerBoxes(features: GeoJsonFeature[]): Box[] {
  const d = 0.0001
  return features.flatMap((f) => {
    const [w, s, e, n] = turfBbox(f as never) as Box
    return [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
    ].map(
      ([x, y]) =>
        [(x as number) - d, (y as number) - d, (x as number) + d, (y as number) + d] as Box,
    )
  })
}

let store: Store
let app: RunningApp

beforeAll(async () => {
  if (!hasGeodata) return
  store = await openSqliteStore(':memory:')
  await loadGeodata(store, { dir: geodataDir, rebaseTo: false })
  app = await startApp({ store, config: { distDir: '/nonexistent-dist' } })
})
afterAll(async () => {
  await app?.close()
  await store?.close()
})

async function serverIds(
  collection: string,
  box: Box,
): Promise<{ ids: string[]; matched: number }> {
  // a new connection per request (agent: false): a keep-alive socket left idle while GDAL ran for
  // seconds on a loaded machine could be closed by the server just as fetch reused it (ECONNRESET)
  const text = await new Promise<string>((resolve, reject) => {
    get(
      `${app.url}/collections/${collection}/items?bbox=${box.join(',')}&limit=10000`,
      { agent: false },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          body += chunk
        })
        res.on('end', () => resolve(body))
        res.on('error', reject)
      },
    ).on('error', reject)
  })
  const page = JSON.parse(text) as { numberMatched: number; features: GeoJsonFeature[] }
  return { ids: page.features.map((f) => String(f.id)).sort(), matched: page.numberMatched }
}

describe.skipIf(!hasGeodata)('exact bbox over the real shapes', () => {
  for (const collection of ['townships', 'grids', 'rivers']) {
    test(`${collection}: every envelope-corner box returns exactly the features it touches`, async () => {
      const features = readFeatures(collection)
      const boxes = cornerBoxes(features)
      let envelopeOnly = 0
      for (const box of boxes) {
        const expected = exactIds(features, box)
        const { ids, matched } = await serverIds(collection, box)
        expect(ids, `bbox=${box.join(',')}`).toEqual(expected)
        expect(matched).toBe(expected.length)
        if (expected.length === 0) envelopeOnly++
      }
      expect(envelopeOnly).toBeGreaterThan(0) // the case the R*Tree alone got wrong
    })
  }
})

describe.skipIf(!hasGeodata || !hasGdal)('GDAL ogr2ogr -spat', () => {
  const spatIds = async (collection: string, [w, s, e, n]: Box) => {
    const { stdout } = await run(
      'ogr2ogr',
      [
        '-f',
        'GeoJSON',
        '/vsistdout/',
        '-oo',
        'PAGE_SIZE=1000',
        '-spat',
        String(w),
        String(s),
        String(e),
        String(n),
        `OAPIF:${app.url}`,
        collection,
      ],
      { timeout: 30_000, env: { ...process.env, CPL_DEBUG: 'OFF', GDAL_HTTP_TIMEOUT: '10' } },
    )
    const features = (JSON.parse(stdout) as { features: { properties: Record<string, unknown> }[] })
      .features
    return features.map((f) => String(f.properties.id)).sort()
  }

  for (const collection of ['townships', 'grids']) {
    test(`${collection}: -spat on envelope-corner boxes equals the server's exact set`, async () => {
      const features = readFeatures(collection)
      // the first few corner boxes that touch an envelope but miss its shape, and a larger box
      const missing = cornerBoxes(features)
        .filter((box) => exactIds(features, box).length === 0)
        .slice(0, 3)
      const [w, s, e, n] = turfBbox(features[0] as never) as Box
      const boxes: Box[] = [...missing, [w, s, (w + e) / 2, (s + n) / 2]]
      const expected = boxes.map((box) => exactIds(features, box))
      for (const [i, box] of boxes.entries()) {
        expect((await serverIds(collection, box)).ids).toEqual(expected[i])
      }
      for (const [i, box] of boxes.entries()) {
        expect(await spatIds(collection, box), `-spat ${box.join(' ')}`).toEqual(expected[i])
      }
    }, 120_000) // four GDAL runs; a few seconds each on an idle machine
  }
})
