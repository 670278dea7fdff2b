// Check points (测评点位): fixed points (固定点位) at markets, schools, hospitals, stations, compounds,
// window units…, most in the urban core and a set at each township seat; and the random-point pool
// (随机点位) of back lanes, compounds, the urban fringe, urban villages, bus corridors and the
// surroundings of schools, hospitals and markets. Names are generic and marked （示例）.
import type { CheckpointCategory, CheckpointKind } from '../../server/domain/checkpoint.ts'
import { feature, type OutFeature, pointGeometry } from './features.ts'
import type { Grid } from './grid-layer.ts'
import type { Locate } from './locate.ts'
import { distanceKm, type LngLat, roundLngLat, toLngLat, toXy, type Xy } from './plane.ts'
import { pick, type Rng, uniform } from './prng.ts'

export interface Checkpoint {
  id: string
  name: string
  kind: CheckpointKind
  category: CheckpointCategory
  lngLat: LngLat
  grid: Grid
  zone: Zone
  approxPosition?: boolean
}

/** Where a point lies, which drives names, issue density and responsible units. */
export type Zone = 'core' | 'fringe' | 'township'

export interface CheckpointContext {
  locate: Locate
  countySeat: LngLat // the core centre
  coreRadiusKm: number // points "in the core" are drawn within this distance of the county seat
  /** the place's real landmarks (build.json), positions approximate */
  landmarks: readonly { name: string; lngLat: LngLat; township: string }[]
  townships: { code: string; name: string; seat: LngLat }[]
  coreTownship: string
  /** short village names for fringe points, by village code */
  villageShortNames: ReadonlyMap<string, string>
}

export const checkpointDefaults = {
  minSpacingKm: 0.06, // no two check points closer than this
  coreFixed: {
    'main-road': 18,
    market: 6,
    residential: 24,
    'park-square': 8,
    school: 14,
    hospital: 5,
    station: 5,
    'government-service': 4,
    'window-unit': 22,
    'scenic-spot': 3,
    'civilization-station': 14,
    'public-toilet': 18,
    'construction-site': 6,
  } as Partial<Record<CheckpointCategory, number>>,
  townshipFixed: {
    'main-road': 1,
    market: 1,
    school: 1,
    hospital: 1,
    'government-service': 1,
    'civilization-station': 1,
    'public-toilet': 1,
  } as Partial<Record<CheckpointCategory, number>>,
  coreRandom: {
    'back-lane': 70,
    'residential-compound': 45,
    'urban-village': 20,
    'bus-corridor': 25,
    'school-surroundings': 18,
    'hospital-surroundings': 10,
    'market-surroundings': 14,
  } as Partial<Record<CheckpointCategory, number>>,
  fringeRandom: { 'urban-fringe': 45, 'urban-village': 20, 'bus-corridor': 15 } as Partial<
    Record<CheckpointCategory, number>
  >,
  townshipRandom: {
    'back-lane': 4,
    'urban-fringe': 3,
    'market-surroundings': 2,
    'school-surroundings': 2,
    'residential-compound': 2,
    'bus-corridor': 1,
  } as Partial<Record<CheckpointCategory, number>>,
  fringeKm: [0.2, 3.0], // the urban fringe: this far beyond the core edge
  townshipKm: [0.15, 1.6], // township points: this far from the seat
}

// the nouns a generic name is built from; the first fits best
const nouns: Record<CheckpointCategory, readonly string[]> = {
  'main-road': ['主干道', '次干道', '街道路段', '十字路口'],
  market: ['农贸市场', '菜市场', '综合市场'],
  residential: ['居民小区', '花园小区', '家属区'],
  'park-square': ['广场', '公园', '游园'],
  school: ['小学', '中学', '幼儿园'],
  hospital: ['医院', '社区卫生服务站'],
  station: ['客运站', '公交站'],
  'government-service': ['政务服务中心'],
  'window-unit': ['银行网点', '供电营业厅', '通信营业厅', '邮政网点', '派出所窗口'],
  'scenic-spot': ['古街景点', '文化景点'],
  'civilization-station': ['新时代文明实践站'],
  'public-toilet': ['公共厕所'],
  'construction-site': ['建筑工地'],
  'back-lane': ['背街小巷'],
  'residential-compound': ['居住小区', '老旧小区'],
  'urban-fringe': ['城郊结合部'],
  'urban-village': ['城中村'],
  'bus-corridor': ['公交线路沿线'],
  'school-surroundings': ['学校周边'],
  'hospital-surroundings': ['医院周边'],
  'market-surroundings': ['市场周边'],
}
// at a township seat the same category has a rural name
const townshipNouns: Partial<Record<CheckpointCategory, readonly string[]>> = {
  hospital: ['卫生院'],
  'government-service': ['便民服务中心'],
  'civilization-station': ['新时代文明实践所'],
  'main-road': ['集镇主街'],
  market: ['集贸市场'],
  school: ['中心小学', '中学'],
}

const surroundingsOf: Partial<Record<CheckpointCategory, CheckpointCategory>> = {
  'school-surroundings': 'school',
  'hospital-surroundings': 'hospital',
  'market-surroundings': 'market',
}

export function buildCheckpoints(ctx: CheckpointContext, rng: Rng): Checkpoint[] {
  const o = checkpointDefaults
  const seatXy = toXy(ctx.countySeat)
  const points: Checkpoint[] = []
  const names = new Map<string, number>()
  const xyOf = new Map<Checkpoint, Xy>()

  const tooClose = (p: Xy) => points.some((c) => distanceKm(xyOf.get(c) as Xy, p) < o.minSpacingKm)
  const add = (
    kind: CheckpointKind,
    category: CheckpointCategory,
    zone: Zone,
    draw: () => Xy,
    accept: (g: Grid) => boolean,
    prefixFor: (p: Xy, g: Grid) => string,
  ) => {
    for (let attempt = 0; attempt < 500; attempt++) {
      const xy = draw()
      const lngLat = roundLngLat(toLngLat(xy)) // test containment on the published coordinates
      const grid = ctx.locate(lngLat)
      if (!grid || !accept(grid) || tooClose(xy)) continue
      const list =
        zone === 'township' ? (townshipNouns[category] ?? nouns[category]) : nouns[category]
      const base = `${prefixFor(xy, grid)}${pick(rng, list)}`
      const n = (names.get(base) ?? 0) + 1
      names.set(base, n)
      const c: Checkpoint = {
        id: '',
        name: `${base}${n > 1 ? n : ''}（示例）`,
        kind,
        category,
        lngLat,
        grid,
        zone,
      }
      points.push(c)
      xyOf.set(c, xy)
      return
    }
    throw new Error(`checkpoints: no room for a ${category} point in the ${zone}`)
  }

  // urban core: denser toward the centre (radius ∝ u^0.75)
  const inCore = (): Xy => {
    const r = ctx.coreRadiusKm * rng() ** 0.75
    const a = uniform(rng, 0, 2 * Math.PI)
    return [seatXy[0] + r * Math.cos(a), seatXy[1] + r * Math.sin(a)]
  }
  const sector = (p: Xy): string => {
    const dx = p[0] - seatXy[0]
    const dy = p[1] - seatXy[1]
    if (Math.hypot(dx, dy) < 0.7) return '古城'
    return Math.abs(dx) > Math.abs(dy) ? (dx > 0 ? '城东' : '城西') : dy > 0 ? '城北' : '城南'
  }
  const isCore = (g: Grid) => g.core
  const near =
    (centre: Xy, [lo, hi]: readonly number[]) =>
    (): Xy => {
      const r = uniform(rng, lo as number, hi as number)
      const a = uniform(rng, 0, 2 * Math.PI)
      return [centre[0] + r * Math.cos(a), centre[1] + r * Math.sin(a)]
    }

  // the real landmarks, positions approximate
  for (const { name, lngLat, township } of ctx.landmarks) {
    const grid = ctx.locate(lngLat)
    if (!grid || grid.townshipCode !== township)
      throw new Error(`checkpoints: ${name} is not in ${township}`)
    const c: Checkpoint = {
      id: '',
      name,
      kind: 'fixed',
      category: 'scenic-spot',
      lngLat,
      grid,
      zone: grid.core ? 'core' : 'township',
      approxPosition: true,
    }
    points.push(c)
    xyOf.set(c, toXy(lngLat))
  }

  for (const [category, count] of Object.entries(o.coreFixed) as [CheckpointCategory, number][]) {
    for (let i = 0; i < count; i++) add('fixed', category, 'core', inCore, isCore, sector)
  }
  const townships = ctx.townships.filter((t) => t.code !== ctx.coreTownship)
  for (const t of townships) {
    for (const [category, count] of Object.entries(o.townshipFixed) as [
      CheckpointCategory,
      number,
    ][]) {
      for (let i = 0; i < count; i++) {
        add(
          'fixed',
          category,
          'township',
          near(toXy(t.seat), o.townshipKm),
          (g) => g.townshipCode === t.code,
          () => t.name,
        )
      }
    }
  }

  for (const [category, count] of Object.entries(o.coreRandom) as [CheckpointCategory, number][]) {
    const target = surroundingsOf[category]
    const anchors = points.filter((c) => c.zone === 'core' && c.category === target)
    for (let i = 0; i < count; i++) {
      const draw = target ? () => near(xyOf.get(pick(rng, anchors)) as Xy, [0.08, 0.25])() : inCore
      add('random', category, 'core', draw, isCore, sector)
    }
  }
  const [f0, f1] = o.fringeKm as [number, number]
  for (const [category, count] of Object.entries(o.fringeRandom) as [
    CheckpointCategory,
    number,
  ][]) {
    for (let i = 0; i < count; i++) {
      add(
        'random',
        category,
        'fringe',
        near(seatXy, [ctx.coreRadiusKm + f0, ctx.coreRadiusKm + f1]),
        (g) => !g.core && g.townshipCode === ctx.coreTownship,
        (_p, g) => ctx.villageShortNames.get(g.villageCode) ?? '城郊',
      )
    }
  }
  for (const t of townships) {
    for (const [category, count] of Object.entries(o.townshipRandom) as [
      CheckpointCategory,
      number,
    ][]) {
      const target = surroundingsOf[category]
      const anchor = points.find(
        (c) => c.zone === 'township' && c.grid.townshipCode === t.code && c.category === target,
      )
      for (let i = 0; i < count; i++) {
        const draw = anchor
          ? near(xyOf.get(anchor) as Xy, [0.08, 0.25])
          : near(toXy(t.seat), o.townshipKm)
        add(
          'random',
          category,
          'township',
          draw,
          (g) => g.townshipCode === t.code,
          () => t.name,
        )
      }
    }
  }

  // ids in a stable order: fixed first, then random, each north→south
  points.sort((a, b) =>
    a.kind === b.kind
      ? b.lngLat[1] - a.lngLat[1] || a.lngLat[0] - b.lngLat[0]
      : a.kind === 'fixed'
        ? -1
        : 1,
  )
  points.forEach((c, i) => {
    c.id = `cp-${String(i + 1).padStart(4, '0')}`
  })
  return points
}

/**
 * 点长制: in the county town a fixed point of these categories is the department's that runs it (a
 * 农贸市场 the 市场监管局's, a school the 教育局's), whatever grid it lies in. Other points, and every
 * point at a township seat (属地管理), are their grid's unit's, so they carry no unitCode.
 */
export const pointUnits: Partial<Record<CheckpointCategory, string>> = {
  market: 'market-regulation',
  school: 'education',
  hospital: 'health',
  station: 'transport',
  'scenic-spot': 'culture-tourism',
  'civilization-station': 'civilization-office',
  'public-toilet': 'urban-management',
  'construction-site': 'housing',
}

export function pointUnitOf(c: Pick<Checkpoint, 'kind' | 'category' | 'zone'>): string | undefined {
  return c.kind === 'fixed' && c.zone !== 'township' ? pointUnits[c.category] : undefined
}

export function checkpointFeatures(points: readonly Checkpoint[]): OutFeature[] {
  return points.map((c) => {
    const unitCode = pointUnitOf(c)
    return feature(
      c.id,
      {
        name: c.name,
        kind: c.kind,
        category: c.category,
        townshipCode: c.grid.townshipCode,
        villageCode: c.grid.villageCode,
        gridCode: c.grid.gridCode,
        ...(unitCode ? { unitCode } : {}),
        ...(c.approxPosition ? { approxPosition: true } : {}),
        synthetic: true, // the inspection set is made up, even where a landmark is real
      },
      pointGeometry(c.lngLat),
    )
  })
}
