import { cpus, loadavg, totalmem } from 'node:os'
import { dailyTrend } from '../../server/analytics/daily-trend.ts'
import { hexBins } from '../../server/analytics/hex-bins.ts'
import { IssueColumns } from '../../server/analytics/issue-columns.ts'
import { byGrid, byTownship, byUnit, kpis } from '../../server/analytics/issue-tally.ts'
import { toLocalDate, toLocalDay } from '../../server/analytics/local-day.ts'
import { rankings } from '../../server/analytics/rankings.ts'
import { unitCompletion } from '../../server/analytics/unit-completion.ts'
import type { IssueProperties, LngLat } from '../../server/domain/issue.ts'
import type { Bbox } from '../../server/ogc/feature-query.ts'
import { mulberry32 } from '../builders.ts'
import { spreadIssues } from './spread-ledger.ts'

const short = process.argv.includes('--short')
const settings = {
  count: short ? 100_000 : 1_000_000, // issues
  runs: 30, // timed calls per aggregate, after `warmup` untimed ones
  warmup: 5,
  naiveRuns: short ? 10 : 5, // the baseline is slow; fewer calls
  upserts: 1000, // half status changes of existing issues, half new issues
  seed: 20261122,
  targetMs: 100, // per aggregate, p50, on 1,000,000 issues
}
const now = new Date('2026-11-22T04:00:00Z') // noon in Beijing on the day the demo ledger was made for
const townBbox: Bbox = [100.28, 25.2, 100.33, 25.26] // 南诏镇 county seat and its surroundings

interface BenchIssue {
  type: 'Feature'
  id: string
  geometry: { type: 'Point'; coordinates: LngLat }
  properties: IssueProperties
}

// ---- the naive baseline: what an endpoint looping over stored features would do ----------------

interface NaiveTally {
  total: number
  open: number
  closed: number
  overdue: number
  closedToday: number
  closedOnTime: number
}

function naiveGroups(features: BenchIssue[], key: keyof IssueProperties | undefined) {
  const nowMs = now.getTime()
  const today = toLocalDay(nowMs)
  const groups = new Map<string, NaiveTally>()
  for (const f of features) {
    const p = f.properties
    const code = key === undefined ? '' : String(p[key])
    let t = groups.get(code)
    if (!t) {
      t = { total: 0, open: 0, closed: 0, overdue: 0, closedToday: 0, closedOnTime: 0 }
      groups.set(code, t)
    }
    t.total++
    if (p.status === 'closed') {
      t.closed++
      const closedMs = Date.parse(p.closedAt as string)
      if (toLocalDay(closedMs) === today) t.closedToday++
      if (closedMs <= Date.parse(p.deadlineAt)) t.closedOnTime++
    } else {
      t.open++
      if (Date.parse(p.deadlineAt) < nowMs) t.overdue++
    }
  }
  return groups
}

function naiveTrend(features: BenchIssue[], days: number) {
  const firstDay = toLocalDay(now.getTime()) - days + 1
  const found = new Map<number, number>()
  const closed = new Map<number, number>()
  for (const f of features) {
    const reported = toLocalDay(Date.parse(f.properties.reportedAt))
    if (reported >= firstDay) found.set(reported, (found.get(reported) ?? 0) + 1)
    if (f.properties.closedAt) {
      const day = toLocalDay(Date.parse(f.properties.closedAt))
      if (day >= firstDay) closed.set(day, (closed.get(day) ?? 0) + 1)
    }
  }
  return Array.from({ length: days }, (_, d) => ({
    date: toLocalDate(firstDay + d),
    found: found.get(firstDay + d) ?? 0,
    closed: closed.get(firstDay + d) ?? 0,
  }))
}

// A better baseline: the times parsed once, one plain object per issue, still Map counting
interface ParsedIssue {
  status: string
  townshipCode: string
  responsibleUnit: string
  gridCode: string
  reportedMs: number
  deadlineMs: number
  closedMs: number
}

function toParsed(features: BenchIssue[]): ParsedIssue[] {
  return features.map(({ properties: p }) => ({
    status: p.status,
    townshipCode: p.townshipCode,
    responsibleUnit: p.responsibleUnit,
    gridCode: p.gridCode,
    reportedMs: Date.parse(p.reportedAt),
    deadlineMs: Date.parse(p.deadlineAt),
    closedMs: p.closedAt ? Date.parse(p.closedAt) : Number.NaN,
  }))
}

function objectGroups(issues: ParsedIssue[], key: keyof ParsedIssue | undefined) {
  const nowMs = now.getTime()
  const today = toLocalDay(nowMs)
  const groups = new Map<string, NaiveTally>()
  for (const p of issues) {
    const code = key === undefined ? '' : String(p[key])
    let t = groups.get(code)
    if (!t) {
      t = { total: 0, open: 0, closed: 0, overdue: 0, closedToday: 0, closedOnTime: 0 }
      groups.set(code, t)
    }
    t.total++
    if (p.status === 'closed') {
      t.closed++
      if (toLocalDay(p.closedMs) === today) t.closedToday++
      if (p.closedMs <= p.deadlineMs) t.closedOnTime++
    } else {
      t.open++
      if (p.deadlineMs < nowMs) t.overdue++
    }
  }
  return groups
}

function objectTrend(issues: ParsedIssue[], days: number) {
  const firstDay = toLocalDay(now.getTime()) - days + 1
  const found = new Map<number, number>()
  const closed = new Map<number, number>()
  for (const p of issues) {
    const reported = toLocalDay(p.reportedMs)
    if (reported >= firstDay) found.set(reported, (found.get(reported) ?? 0) + 1)
    if (p.status === 'closed') {
      const day = toLocalDay(p.closedMs)
      if (day >= firstDay) closed.set(day, (closed.get(day) ?? 0) + 1)
    }
  }
  return found.size + closed.size
}

// the same hexagons (pointy top, equirectangular plane at the same origin), counted in a Map
function naiveHexBins(features: BenchIssue[], radiusMeters: number, origin: LngLat) {
  const [lng0, lat0] = origin
  const ky = (6_371_008.8 * Math.PI) / 180
  const kx = ky * Math.cos((lat0 * Math.PI) / 180)
  const bins = new Map<string, number>()
  for (const f of features) {
    if (f.properties.status === 'closed') continue
    const [lng, lat] = f.geometry.coordinates
    const x = (lng - lng0) * kx
    const y = (lat - lat0) * ky
    const fq = ((Math.sqrt(3) / 3) * x - y / 3) / radiusMeters
    const fr = ((2 / 3) * y) / radiusMeters
    const fs = -fq - fr
    let q = Math.floor(fq + 0.5)
    let r = Math.floor(fr + 0.5)
    const s = Math.floor(fs + 0.5)
    const dq = Math.abs(q - fq)
    const dr = Math.abs(r - fr)
    if (dq > dr && dq > Math.abs(s - fs)) q = -r - s
    else if (dr > Math.abs(s - fs)) r = -q - s
    const id = `${q},${r}`
    bins.set(id, (bins.get(id) ?? 0) + 1)
  }
  return bins
}

// ---- timing ----------------------------------------------------------------------------------

interface Timing {
  p50: number
  p99: number
}

function time(runs: number, warmup: number, fn: () => unknown): Timing {
  const samples: number[] = []
  for (let i = 0; i < warmup + runs; i++) {
    const t0 = performance.now()
    fn()
    if (i >= warmup) samples.push(performance.now() - t0)
  }
  samples.sort((a, b) => a - b)
  const at = (p: number) =>
    samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))] as number
  return { p50: at(50), p99: at(99) }
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0))

function check(name: string, ok: boolean): void {
  if (!ok) throw new Error(`the fast and the naive ${name} disagree`)
}

// ---- main ------------------------------------------------------------------------------------

function main(): void {
  const random = mulberry32(settings.seed)
  const t0 = performance.now()
  const features = spreadIssues(settings.count, random) as unknown as BenchIssue[]
  const t1 = performance.now()
  const columns = IssueColumns.fromFeatures(features)
  const t2 = performance.now()
  const count = settings.count.toLocaleString('en')
  const typedBytes = [
    columns.lng,
    columns.lat,
    columns.status,
    columns.category,
    columns.township,
    columns.unit,
    columns.grid,
    columns.reportedAt,
    columns.deadlineAt,
    columns.closedAt,
  ].reduce((n, column) => n + column.byteLength, 0)
  console.log(
    `generated ${count} issues in ${((t1 - t0) / 1000).toFixed(1)} s; ` +
      `IssueColumns.fromFeatures took ${fmt(t2 - t1)} ms; typed columns ${(typedBytes / 2 ** 20).toFixed(0)} MiB ` +
      `for ${columns.capacity.toLocaleString('en')} rows (plus the ids and the id → row map)`,
  )

  const origin: LngLat = [100.17, 25.24]
  const tour = '532927102' // 庙街镇, for the tour mode
  const parsed = toParsed(features)

  // the fast results must equal the naive ones before any timing counts
  const k = kpis(columns, now)
  const naiveAll = naiveGroups(features, undefined).get('')
  check(
    'kpis',
    JSON.stringify(naiveAll) ===
      JSON.stringify({
        total: k.total,
        open: k.open,
        closed: k.closed,
        overdue: k.overdue,
        closedToday: k.closedToday,
        closedOnTime: k.closedOnTime,
      }),
  )
  const naiveUnits = naiveGroups(features, 'responsibleUnit')
  check(
    'byUnit',
    byUnit(columns, now).every(
      (t) =>
        naiveUnits.get(t.code)?.overdue === t.overdue && naiveUnits.get(t.code)?.total === t.total,
    ),
  )
  const trend = dailyTrend(columns, now)
  check(
    'dailyTrend',
    JSON.stringify(naiveTrend(features, 30)) ===
      JSON.stringify(trend.map(({ date, found, closed }) => ({ date, found, closed }))),
  )
  const hex = hexBins(columns, now, { radiusMeters: 500, origin })
  const naiveHex = naiveHexBins(features, 500, origin)
  check(
    'hexBins',
    hex.bins.length === naiveHex.size && hex.bins.every((b) => naiveHex.get(b.id) === b.count),
  )

  interface Scenario {
    name: string
    fast: () => unknown
    features?: () => unknown
    objects?: () => unknown
  }
  const scenarios: Scenario[] = [
    {
      name: 'kpis',
      fast: () => kpis(columns, now),
      features: () => naiveGroups(features, undefined),
      objects: () => objectGroups(parsed, undefined),
    },
    { name: 'kpis, one township (tour mode)', fast: () => kpis(columns, now, { township: tour }) },
    {
      name: 'byTownship',
      fast: () => byTownship(columns, now),
      features: () => naiveGroups(features, 'townshipCode'),
      objects: () => objectGroups(parsed, 'townshipCode'),
    },
    {
      name: 'byUnit',
      fast: () => byUnit(columns, now),
      features: () => naiveGroups(features, 'responsibleUnit'),
      objects: () => objectGroups(parsed, 'responsibleUnit'),
    },
    {
      name: 'byGrid',
      fast: () => byGrid(columns, now),
      features: () => naiveGroups(features, 'gridCode'),
      objects: () => objectGroups(parsed, 'gridCode'),
    },
    { name: 'unitCompletion', fast: () => unitCompletion(columns, now) },
    {
      name: 'rankings of townships (incl. byTownship)',
      fast: () => rankings(byTownship(columns, now), { by: 'closureRate', top: 3 }),
    },
    {
      name: 'dailyTrend, 30 days',
      fast: () => dailyTrend(columns, now),
      features: () => naiveTrend(features, 30),
      objects: () => objectTrend(parsed, 30),
    },
    {
      name: 'hexBins open, 500 m, county',
      fast: () => hexBins(columns, now, { radiusMeters: 500, origin }),
      features: () => naiveHexBins(features, 500, origin),
    },
    {
      name: 'hexBins open, 100 m, 南诏镇 bbox',
      fast: () => hexBins(columns, now, { radiusMeters: 100, bbox: townBbox, origin }),
    },
    {
      name: 'hexBins all issues, 200 m, county',
      fast: () => hexBins(columns, now, { radiusMeters: 200, status: 'all', origin }),
    },
  ]

  console.log('baselines…')
  const baselines = scenarios.map((sc) => ({
    features: sc.features ? time(settings.naiveRuns, 1, sc.features) : undefined,
    objects: sc.objects ? time(settings.naiveRuns, 1, sc.objects) : undefined,
  }))

  // 1,000 upserts as write events bring them: status changes of existing issues and new issues
  const changes = Array.from({ length: settings.upserts }, (_, i) => {
    const f = features[Math.floor(random() * features.length)] as BenchIssue
    const isNew = i % 2 === 1
    const properties: IssueProperties = isNew
      ? { ...f.properties }
      : { ...f.properties, status: 'closed', closedAt: '2026-11-22T03:00:00Z' }
    return { id: isNew ? `new-${i}` : f.id, properties, lngLat: f.geometry.coordinates }
  })
  const upsertSamples: number[] = []
  for (const c of changes) {
    const t = performance.now()
    columns.upsert(c.id, c.properties, c.lngLat)
    upsertSamples.push(performance.now() - t)
  }
  const upsertMs = upsertSamples.reduce((a, b) => a + b, 0)
  upsertSamples.sort((a, b) => a - b)
  const upsertAt = (p: number) =>
    (upsertSamples[Math.min(upsertSamples.length - 1, Math.floor(p * upsertSamples.length))] ?? 0) *
    1000
  for (const c of changes) if (c.id.startsWith('new-')) columns.remove(c.id)
  const byId = new Map(features.map((f) => [f.id, f]))
  for (const c of changes) {
    const original = byId.get(c.id)
    if (original) columns.upsert(c.id, original.properties, original.geometry.coordinates)
  }
  check('size after upserts', columns.size === features.length)

  // the server holds the columns, not a million feature objects: let those go before timing
  byId.clear()
  features.length = 0
  parsed.length = 0
  console.log('timing…')
  const rows = scenarios.map((sc, i) => {
    const fast = time(settings.runs, settings.warmup, sc.fast)
    console.log(`  ${sc.name}: ${fmt(fast.p50)} ms`)
    return { name: sc.name, fast, naive: baselines[i]?.features, objects: baselines[i]?.objects }
  })

  const cpu = cpus()
  const heading = [
    `\nserver/analytics on ${count} issues (seed ${settings.seed}), now = ${now.toISOString()}`,
    `${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ` +
      `${new Date().toISOString().slice(0, 10)}, load ${loadavg()[0]?.toFixed(1)}`,
    `ms per call, p50 / p99 over ${settings.runs} calls (baselines: p50 of ${settings.naiveRuns} calls)`,
    'features = the stored GeoJSON features: ISO strings, Date.parse per row, Map counting;',
    'objects = one plain object per issue with times parsed beforehand, Map counting\n',
  ]
  console.log(heading.join('\n'))
  console.log(
    '| aggregate | columns p50 / p99 | features p50 | objects p50 | speed-up vs features / objects |',
  )
  console.log('|---|---|---|---|---|')
  const ratio = (base: Timing | undefined, fast: Timing) => {
    if (!base) return '–'
    const x = base.p50 / fast.p50
    return `${x.toFixed(x < 10 ? 1 : 0)}×`
  }
  const cell = (t: Timing | undefined) => (t ? fmt(t.p50) : '–')
  for (const r of rows) {
    const speedUp = r.naive ? `${ratio(r.naive, r.fast)} / ${ratio(r.objects, r.fast)}` : '–'
    console.log(
      `| ${r.name} | ${fmt(r.fast.p50)} / ${fmt(r.fast.p99)} | ${cell(r.naive)} | ${cell(r.objects)} | ${speedUp} |`,
    )
  }
  console.log(`| IssueColumns.fromFeatures (build) | ${fmt(t2 - t1)} | – | – | – |`)
  console.log(
    `| ${settings.upserts.toLocaleString('en')} upserts (half new issues) | ${fmt(upsertMs)} in all; ` +
      `${upsertAt(0.5).toFixed(1)} / ${upsertAt(0.99).toFixed(1)} / ${upsertAt(1).toFixed(0)} µs p50 / p99 / max | – | – | – |`,
  )
  const worst = rows.reduce((a, b) => (b.fast.p50 > a.fast.p50 ? b : a))
  console.log(
    `\ntarget: every aggregate ≤ ${settings.targetMs} ms p50 on 1,000,000 issues → slowest ${worst.name} ${fmt(worst.fast.p50)} ms ${worst.fast.p50 <= settings.targetMs ? 'OK' : 'MISSED'}${short ? ' (short run)' : ''}`,
  )
}

main()
