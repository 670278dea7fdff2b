// Real OGC API clients against the running server on the real geodata: GDAL/OGR 3.6 (OAPIF driver)
// and OWSLib 0.27 (Debian packages, see scripts/ensure-test-deps.sh). Assertions read their output
// and the server's request log, so we also see what each client actually sent.
import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { bboxPolygon, booleanPointInPolygon, point } from '@turf/turf'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { hashSecret, newSecret } from '../../server/auth/secrets.ts'
import { collections } from '../../server/collections.ts'
import { withIssueNumbers } from '../../server/storage/issue-numbers.ts'
import { loadGeodata } from '../../server/storage/load-geodata.ts'
import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'
import type { GeoJsonFeature, Store } from '../../server/storage/store.ts'
import { type RunningApp, startApp } from '../http/start-app.ts'

const run = promisify(execFile)
const geodataDir = 'geodata'
const python = '/usr/bin/python3'
const hasGeodata = collections.every((c) => existsSync(join(geodataDir, `${c.id}.geojson`)))
const hasGdal = await run('ogrinfo', ['--version']).then(
  () => true,
  () => false,
)
const hasOwslib = await run(python, ['-c', 'import owslib']).then(
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

/** Request-log lines (method, URL, status) written while `action` ran. */
async function logged<T>(action: () => Promise<T>): Promise<{ result: T; requests: string[] }> {
  const from = app.logs.length
  const result = await action()
  return { result, requests: app.logs.slice(from) }
}

describe.skipIf(!hasGeodata || !hasGdal)('GDAL/OGR OAPIF driver', () => {
  const ogrinfo = async (...args: string[]) =>
    (
      await run('ogrinfo', args, {
        timeout: 20_000,
        env: { ...process.env, CPL_DEBUG: 'OFF', GDAL_HTTP_TIMEOUT: '10' },
      })
    ).stdout
  const featureCount = (stdout: string) => Number(/Feature Count: (\d+)/.exec(stdout)?.[1])

  test('ogrinfo lists every collection as a layer', async () => {
    const stdout = await ogrinfo('-ro', `OAPIF:${app.url}`)
    for (const { id } of collections) expect(stdout).toMatch(new RegExp(`^\\d+: ${id}( |$)`, 'm'))
  })

  test('the checkpoints summary reports numberMatched as Feature Count', async () => {
    const stdout = await ogrinfo('-ro', '-al', '-so', `OAPIF:${app.url}`, 'checkpoints')
    expect(featureCount(stdout)).toBe(readFeatures('checkpoints').length)
    expect(stdout).toMatch(/Geometry: Point/)
    expect(stdout).toMatch(/kind: String/)
  })

  test('-where "kind = \'fixed\'" is pushed to the server as kind=fixed and counts the fixed points', async () => {
    const fixed = readFeatures('checkpoints').filter((f) => f.properties?.kind === 'fixed').length
    const { result, requests } = await logged(() =>
      ogrinfo(
        '-ro',
        '-al',
        '-so',
        '-oo',
        'PAGE_SIZE=1000',
        '-where',
        "kind = 'fixed'",
        `OAPIF:${app.url}`,
        'checkpoints',
      ),
    )
    expect(featureCount(result)).toBe(fixed)
    expect(requests.some((line) => /^GET \/api /.test(line))).toBe(true) // it read the declared parameters
    expect(
      requests.some((line) =>
        /^GET \/collections\/checkpoints\/items\?\S*kind=fixed\S* 200 /.test(line),
      ),
    ).toBe(true)
  })

  // every filterable property of the issues is a query parameter of the same name, so GDAL sends
  // it to the server instead of downloading everything and filtering locally
  // as the server serves it: the store numbers every issue on load (问题编号)
  const first = withIssueNumbers(readFeatures('issues'))[0]?.properties ?? {}
  const issueFilters = collections.find((c) => c.id === 'issues')?.filters ?? []
  // GDAL takes its fields from the features it reads: a property no demo issue carries (source and
  // roundId are set only on issues recorded in a 督查 round) is not a field it can filter on
  const inDemoData = issueFilters.filter((f) => f.derived || first[f.property] !== undefined)
  test('only the supervision-round properties are absent from the demo issues', () => {
    expect(issueFilters.filter((f) => !inDemoData.includes(f)).map((f) => f.param)).toEqual([
      'source',
      'roundId',
    ])
  })
  test.each(
    inDemoData.map((f) =>
      f.derived
        ? ([f.param, '1', 'true'] as const)
        : ([f.param, `'${first[f.property]}'`, String(first[f.property])] as const),
    ),
  )('-where "%s = %s" is pushed down to the server', async (property, literal, sent) => {
    const { result, requests } = await logged(() =>
      ogrinfo(
        '-ro',
        '-al',
        '-so',
        '-where',
        `${property} = ${literal}`,
        `OAPIF:${app.url}`,
        'issues',
      ),
    )
    const pushed = requests.filter((line) =>
      new RegExp(`^GET /collections/issues/items\\?\\S*${property}=${sent}\\S* 200 `).test(line),
    )
    expect(pushed.length, requests.join('\n')).toBeGreaterThan(0)
    const direct = (await (
      await fetch(`${app.url}/collections/issues/items?${property}=${sent}&limit=1`)
    ).json()) as { numberMatched: number }
    expect(direct.numberMatched).toBeGreaterThan(0)
    expect(featureCount(result)).toBe(direct.numberMatched)
  })

  test('-spat sends a bbox, and the count equals an independent point-in-bbox count', async () => {
    const [w, s, e, n] = [100.28, 25.2, 100.33, 25.26]
    const box = bboxPolygon([w, s, e, n])
    const expected = readFeatures('issues').filter((f) =>
      booleanPointInPolygon(
        point((f.geometry as { coordinates: [number, number] }).coordinates),
        box,
      ),
    ).length
    expect(expected).toBeGreaterThan(100)
    const { result, requests } = await logged(() =>
      ogrinfo(
        '-ro',
        '-al',
        '-so',
        '-oo',
        'PAGE_SIZE=1000',
        '-spat',
        String(w),
        String(s),
        String(e),
        String(n),
        `OAPIF:${app.url}`,
        'issues',
      ),
    )
    expect(featureCount(result)).toBe(expected)
    expect(
      requests.some((line) =>
        /^GET \/collections\/issues\/items\?\S*bbox=100\.2[78]\d*,25\.\d+,100\.3\d*,25\.2\d* 200 /.test(
          line,
        ),
      ),
    ).toBe(true)
  })

  test('GDAL never got a 4xx or 5xx', () => {
    expect(app.logs.filter((line) => / [45]\d\d [\d.]+ms$/.test(line))).toEqual([])
  })
})

describe.skipIf(!hasGeodata || !hasOwslib)('OWSLib', () => {
  const owslib = async (script: string) => {
    const { stdout } = await run(python, ['-c', script, app.url], { timeout: 30_000 })
    return JSON.parse(stdout)
  }

  test('collections() lists every collection id (OWSLib sends Accept: */*)', async () => {
    const ids = await owslib(
      'import sys, json\nfrom owslib.ogcapi.features import Features\n' +
        "print(json.dumps([c['id'] for c in Features(sys.argv[1]).collections()['collections']]))",
    )
    expect(ids).toEqual(collections.map((c) => c.id))
  })

  test('collection_items with bbox and limit returns that page of the right matches', async () => {
    const [w, s, e, n] = [100.28, 25.2, 100.33, 25.26]
    const expected = readFeatures('checkpoints').filter((f) => {
      const [x, y] = (f.geometry as { coordinates: [number, number] }).coordinates
      return x >= w && x <= e && y >= s && y <= n
    })
    const result = await owslib(
      'import sys, json\nfrom owslib.ogcapi.features import Features\n' +
        `items = Features(sys.argv[1]).collection_items('checkpoints', bbox=[${w}, ${s}, ${e}, ${n}], limit=5)\n` +
        "print(json.dumps({'matched': items['numberMatched'], 'returned': len(items['features']), " +
        "'ids': [f['id'] for f in items['features']]}))",
    )
    expect(result.matched).toBe(expected.length)
    expect(result.returned).toBe(5)
    const ids = new Set(expected.map((f) => f.id))
    for (const id of result.ids) expect(ids.has(id)).toBe(true)
  })

  test('collection_queryables and api() read our Part 3 queryables and OpenAPI document', async () => {
    const result = await owslib(
      'import sys, json\nfrom owslib.ogcapi.features import Features\nw = Features(sys.argv[1])\n' +
        "q = w.collection_queryables('issues')\n" +
        "print(json.dumps({'queryables': sorted(q['properties'].keys()), 'paths': len(w.api()['paths'])}))",
    )
    expect(result.queryables).toEqual([
      'category',
      'geometry',
      'gridCode',
      'issueNo',
      'overdue',
      'responsibleUnit',
      'roundId',
      'source',
      'status',
      'townshipCode',
    ])
    expect(result.paths).toBeGreaterThan(40)
  })
})

// Personal data: anonymous readers get the grids without their managers' names; a personal API
// token (npm run user -- token) sent by GDAL as a header reads them.
describe.skipIf(!hasGeodata || !hasGdal)('GDAL with a personal API token', () => {
  const token = newSecret()
  beforeAll(async () => {
    await store.createUser({
      username: 'gis-analyst',
      displayName: '县创建办 GIS 分析员',
      role: 'planner',
      passwordHash: 'scrypt$1$1$1$x$x', // never signs in: reads with the token only
      active: true,
      createdAt: '2026-12-01T00:00:00Z',
    })
    await store.addApiToken({
      hash: hashSecret(token),
      username: 'gis-analyst',
      label: 'QGIS',
      createdAt: '2026-12-01T00:00:00Z',
    })
  })
  const managerOf = async (headers?: string) => {
    const env = { ...process.env, CPL_DEBUG: 'OFF', GDAL_HTTP_TIMEOUT: '10' }
    const { stdout } = await run(
      'ogrinfo',
      ['-ro', '-al', '-q', '-where', "gridCode = '532927101001002'", `OAPIF:${app.url}`, 'grids'],
      { timeout: 20_000, env: headers ? { ...env, GDAL_HTTP_HEADERS: headers } : env },
    )
    return /^\s*manager \(String\) = (.+)$/m.exec(stdout)?.[1]
  }

  test('without the token the manager is not there; with it GDAL reads the name', async () => {
    const expected = readFeatures('grids').find((f) => f.properties?.gridCode === '532927101001002')
      ?.properties?.manager
    expect(expected).toMatch(/^\p{Script=Han}{2,4}$/u)
    expect(await managerOf()).toBeUndefined()
    expect(await managerOf(`Authorization: Bearer ${token}`)).toBe(expected)
  })
})
