// Seeded benchmark of issue tiles: N issues (1,000,000; `--short` 100,000) spread like the demo
// ledger are put in the issue columns, then tiles over the county are cut and encoded at zooms 9,
// 12 and 14, with and without a filter, cache bypassed. Prints p50 / max CPU ms per tile (CPU
// time, not wall time, so a loaded machine does not inflate it) and the encoded bytes.
import { readFileSync } from 'node:fs'
import { fromGeojsonVt } from '@maplibre/vt-pbf'
import { IssueColumns } from '../../server/analytics/issue-columns.ts'
import { issueCategories, issueStatuses } from '../../server/domain/issue.ts'
import type { FeatureQuery } from '../../server/ogc/feature-query.ts'
import { issueTile } from '../../server/tiles/issue-tile.ts'
import { tileAt } from '../../server/tiles/tile-matrix.ts'
import { mulberry32 } from '../builders.ts'

const short = process.argv.includes('--short')
const count = short ? 100_000 : 1_000_000
const random = mulberry32(20261122)
const demo = (
  JSON.parse(readFileSync('geodata/issues.geojson', 'utf8')) as {
    features: { geometry: { coordinates: [number, number] }; properties: Record<string, string> }[]
  }
).features
const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T

const columns = new IssueColumns()
columns.reserve(count)
const nowMs = Date.parse('2026-11-22T08:00:00Z')
for (let i = 0; i < count; i++) {
  const c = pick(demo)
  const reported = nowMs - Math.floor(random() * 365 * 86_400_000)
  columns.upsert(
    `m-${i}`,
    {
      status: pick(issueStatuses),
      category: pick(issueCategories),
      reportedAt: new Date(reported).toISOString(),
      deadlineAt: new Date(reported + 3 * 86_400_000).toISOString(),
      townshipCode: c.properties.townshipCode ?? '',
      gridCode: c.properties.gridCode ?? '',
      responsibleUnit: c.properties.responsibleUnit ?? '',
    },
    [c.geometry.coordinates[0] + gauss() * 0.0005, c.geometry.coordinates[1] + gauss() * 0.0005],
  )
}

const seat: [number, number] = [100.306, 25.23]
const queries: [string, FeatureQuery][] = [
  ['no filter', { properties: {}, limit: 0, offset: 0 }],
  ['status=pending', { properties: { status: 'pending' }, limit: 0, offset: 0 }],
]
console.log(`${count.toLocaleString('en')} issues; Node ${process.version}`)
console.log('| zoom | filter | matched | p50 CPU ms | max CPU ms | bytes |')
console.log('|---|---|---|---|---|---|')
for (const z of [9, 12, 14]) {
  for (const [name, query] of queries) {
    const tile = tileAt(seat[0], seat[1], z)
    const times: number[] = []
    let bytes = 0
    let matched = 0
    for (let run = 0; run < 15; run++) {
      const t0 = process.cpuUsage()
      const cut = issueTile(columns, query, tile, nowMs)
      const layers: Record<string, { features: unknown[] }> = {
        'issues-density': { features: cut?.density ?? [] },
      }
      if (cut?.issues) layers.issues = { features: cut.issues }
      bytes = fromGeojsonVt(layers as never, { version: 2, extent: 4096 }).byteLength
      const used = process.cpuUsage(t0)
      times.push((used.user + used.system) / 1000) // CPU ms: honest on a shared machine
      matched = cut?.matched ?? 0
    }
    times.sort((a, b) => a - b)
    const p50 = times[Math.floor(times.length / 2)] as number
    const max = times[times.length - 1] as number
    console.log(
      `| ${z} | ${name} | ${matched.toLocaleString('en')} | ${p50.toFixed(1)} | ${max.toFixed(1)} | ${bytes.toLocaleString('en')} |`,
    )
  }
}
