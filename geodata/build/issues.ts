// The synthetic issue ledger (问题台账): about 2,600 issues over the 90 days before `now`, each at a
// check point (denser in the core, at markets, back lanes and the urban fringe), taken through the
// close-out loop pending → fixing → reviewing → closed, where a failed review returns to fixing.
import type { CheckpointCategory } from '../../server/domain/checkpoint.ts'
import { deadlineHours, type IssueCategory, type IssueStatus } from '../../server/domain/issue.ts'
import { townshipUnitCode } from '../../server/domain/units.ts'
import type { Checkpoint } from './checkpoints.ts'
import { feature, type OutFeature, pointGeometry } from './features.ts'
import type { Locate } from './locate.ts'
import { type LngLat, roundLngLat, toLngLat, toXy } from './plane.ts'
import { normal, pick, pickWeighted, type Rng, uniform } from './prng.ts'

export const issueDefaults = {
  count: 2600,
  days: 90, // issues are reported within this many days before now
  maxOffsetKm: 0.045, // an issue lies at most this far from its check point
  hotSpots: 10, // check points that get hot-spot weight
  hotSpotFactor: 4,
  reviewFailure: 0.12, // share of reviews that send the issue back to fixing
  stalled: 0.15, // share of issues whose fix drags on far past the deadline
}

type Weights<K extends string> = Partial<Record<K, number>>

// how often each kind of place produces issues
const placeWeight: Record<CheckpointCategory, number> = {
  market: 6,
  'market-surroundings': 5,
  'back-lane': 4,
  'urban-fringe': 4,
  'urban-village': 4,
  'main-road': 3,
  station: 3,
  'construction-site': 3,
  'bus-corridor': 2.5,
  'school-surroundings': 2.5,
  'hospital-surroundings': 2.5,
  'residential-compound': 2.5,
  residential: 2,
  'public-toilet': 2,
  'park-square': 2,
  'scenic-spot': 2,
  school: 1.5,
  hospital: 1.5,
  'window-unit': 1,
  'government-service': 1,
  'civilization-station': 1,
}
const zoneWeight = { core: 1.6, fringe: 1.2, township: 0.5 }

// which problems each kind of place has
const categoryMix: Record<CheckpointCategory, Weights<IssueCategory>> = {
  'main-road': {
    'illegal-parking': 4,
    'street-vending': 2,
    'public-ads': 2,
    'facility-damage': 2,
    'greenery-damage': 2,
    'exposed-garbage': 1,
    graffiti: 1,
  },
  market: {
    'street-vending': 5,
    'exposed-garbage': 3,
    'illegal-parking': 2,
    'fumes-noise': 1,
    'facility-damage': 1,
  },
  residential: {
    'exposed-garbage': 3,
    'illegal-parking': 3,
    'illegal-construction': 2,
    graffiti: 2,
    'greenery-damage': 1,
    'facility-damage': 1,
    'public-ads': 1,
  },
  'park-square': {
    'greenery-damage': 3,
    'facility-damage': 3,
    'exposed-garbage': 2,
    'public-ads': 2,
    'street-vending': 1,
  },
  school: {
    'street-vending': 3,
    'illegal-parking': 3,
    'public-ads': 2,
    'facility-damage': 1,
    'exposed-garbage': 1,
  },
  hospital: {
    'illegal-parking': 4,
    'street-vending': 2,
    'exposed-garbage': 2,
    'public-ads': 1,
    'facility-damage': 1,
  },
  station: {
    'illegal-parking': 3,
    'facility-damage': 3,
    'public-ads': 2,
    'exposed-garbage': 2,
    'street-vending': 1,
    graffiti: 1,
  },
  'government-service': {
    'public-ads': 3,
    'facility-damage': 2,
    'illegal-parking': 2,
    'exposed-garbage': 1,
  },
  'window-unit': {
    'public-ads': 3,
    'facility-damage': 2,
    'illegal-parking': 2,
    'exposed-garbage': 1,
  },
  'scenic-spot': {
    'street-vending': 2,
    'exposed-garbage': 2,
    'public-ads': 2,
    'facility-damage': 2,
    'dirty-toilet': 1,
    graffiti: 1,
  },
  'civilization-station': { 'public-ads': 4, 'facility-damage': 2, 'exposed-garbage': 1 },
  'public-toilet': { 'dirty-toilet': 6, 'facility-damage': 2 },
  'construction-site': {
    'exposed-garbage': 3,
    'public-ads': 3,
    'illegal-construction': 2,
    'fumes-noise': 2,
    'illegal-parking': 1,
  },
  'back-lane': {
    'exposed-garbage': 4,
    graffiti: 3,
    'illegal-construction': 2,
    'illegal-parking': 2,
    'facility-damage': 1,
    'fumes-noise': 1,
  },
  'residential-compound': {
    'exposed-garbage': 3,
    'illegal-parking': 3,
    'illegal-construction': 2,
    graffiti: 2,
    'greenery-damage': 1,
    'facility-damage': 1,
  },
  'urban-fringe': {
    'exposed-garbage': 4,
    'illegal-construction': 3,
    'street-vending': 2,
    'illegal-parking': 2,
    graffiti: 1,
  },
  'urban-village': {
    'exposed-garbage': 4,
    'illegal-construction': 3,
    graffiti: 2,
    'fumes-noise': 2,
    'illegal-parking': 1,
  },
  'bus-corridor': {
    'illegal-parking': 3,
    'facility-damage': 3,
    'public-ads': 2,
    'exposed-garbage': 2,
    'street-vending': 1,
  },
  'school-surroundings': {
    'street-vending': 3,
    'illegal-parking': 3,
    'public-ads': 2,
    'exposed-garbage': 1,
    'fumes-noise': 1,
  },
  'hospital-surroundings': {
    'illegal-parking': 4,
    'street-vending': 2,
    'exposed-garbage': 2,
    'fumes-noise': 1,
  },
  'market-surroundings': {
    'street-vending': 5,
    'illegal-parking': 3,
    'exposed-garbage': 2,
    'fumes-noise': 2,
  },
}

const phrases: Record<IssueCategory, readonly string[]> = {
  'street-vending': [
    '流动摊贩占道经营',
    '店外出摊占用人行道',
    '早市摊点越线经营',
    '水果摊占道摆卖',
  ],
  'illegal-parking': [
    '机动车占用人行道停放',
    '非机动车乱停乱放',
    '车辆占用消防通道',
    '电动车无序停放',
  ],
  'exposed-garbage': ['生活垃圾未及时清运', '垃圾桶满溢', '建筑垃圾随意堆放', '绿化带内有暴露垃圾'],
  graffiti: ['墙面张贴小广告', '电杆乱贴乱画', '墙体涂鸦', '楼道小广告未清理'],
  'illegal-construction': ['违规搭建彩钢棚', '占道搭建雨棚', '私搭乱建围墙'],
  'public-ads': ['公益广告缺失', '公益广告破损褪色', '核心价值观宣传牌破损', '围挡公益广告不足'],
  'facility-damage': ['人行道板破损', '路灯不亮', '井盖缺失', '护栏损坏', '休闲座椅损坏'],
  'dirty-toilet': ['公厕地面不洁', '公厕有异味', '洗手设施损坏', '公厕保洁不到位'],
  'fumes-noise': ['餐饮油烟直排', '店铺外放音响噪声', '夜间施工噪声扰民', '烧烤油烟扰民'],
  'greenery-damage': ['绿化带被踩踏', '行道树损坏', '花坛缺株断档', '绿地被占用'],
}

const placeText: Record<CheckpointCategory, string> = {
  'main-road': '主干道沿线',
  market: '农贸市场门口',
  residential: '小区出入口',
  'park-square': '广场内',
  school: '学校门口',
  hospital: '医院门口',
  station: '站场周边',
  'government-service': '服务中心门前',
  'window-unit': '营业网点门前',
  'scenic-spot': '景区内',
  'civilization-station': '实践站门前',
  'public-toilet': '公厕',
  'construction-site': '工地',
  'back-lane': '巷道内',
  'residential-compound': '小区内',
  'urban-fringe': '城郊路段',
  'urban-village': '村内巷道',
  'bus-corridor': '公交站台旁',
  'school-surroundings': '学校周边',
  'hospital-surroundings': '医院周边',
  'market-surroundings': '市场周边',
}

const notes: Record<IssueStatus, string> = {
  pending: '已发现，待交办责任单位',
  fixing: '已交办，责任单位整改中',
  reviewing: '责任单位已反馈整改，待复查',
  closed: '复查合格，已销号',
}

/** The unit that owns an issue: county departments in town, the township government outside. */
function responsibleUnit(category: IssueCategory, c: Checkpoint, rng: Rng): string {
  const township = townshipUnitCode(c.grid.townshipCode)
  const place = c.category
  if (c.zone === 'township') {
    const onRoad = place === 'main-road' || place === 'bus-corridor' || place === 'station'
    return category === 'illegal-parking' && onRoad && rng() < 0.5 ? 'traffic-police' : township
  }
  if (c.zone === 'fringe' && rng() < 0.6) return township
  if (
    place.startsWith('school') &&
    ['facility-damage', 'public-ads', 'exposed-garbage'].includes(category)
  )
    return 'education'
  if (
    place.startsWith('hospital') &&
    ['facility-damage', 'dirty-toilet', 'exposed-garbage'].includes(category)
  )
    return 'health'
  if (place === 'scenic-spot' && category !== 'illegal-parking') return 'culture-tourism'
  switch (category) {
    case 'street-vending':
      return rng() < (place.startsWith('market') ? 0.6 : 0.3)
        ? 'market-regulation'
        : 'urban-management'
    case 'illegal-parking':
      return 'traffic-police'
    case 'exposed-garbage':
    case 'graffiti':
      return 'urban-management'
    case 'illegal-construction':
      return rng() < 0.6 ? 'housing' : 'urban-management'
    case 'public-ads':
      return 'civilization-office'
    case 'facility-damage':
      return place === 'station' || place === 'bus-corridor' ? 'transport' : 'housing'
    case 'dirty-toilet':
      return 'urban-management'
    case 'fumes-noise':
      return rng() < 0.6 ? 'market-regulation' : 'urban-management'
    case 'greenery-damage':
      return 'housing'
  }
}

const hourMs = 3_600_000

/** ISO 8601 UTC to the second, as the server stores times. */
export function toIso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')
}

// discovery time: more issues as the campaign heats up, mostly in working hours (UTC+8)
function reportTime(rng: Rng, nowMs: number, days: number): number {
  for (;;) {
    const u = rng()
    const start = nowMs - days * 24 * hourMs
    const t = start + u * (nowMs - start)
    if (rng() > 0.55 + 0.45 * u) continue // density grows toward now
    const local = new Date(t + 8 * hourMs)
    const hour = local.getUTCHours()
    const weekend = local.getUTCDay() === 0 || local.getUTCDay() === 6
    const hourly = hour >= 8 && hour < 19 ? 1 : hour >= 6 && hour < 22 ? 0.25 : 0.03
    if (rng() > hourly * (weekend ? 0.6 : 1)) continue
    return t
  }
}

function lognormal(rng: Rng, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(rng))
}

interface Timeline {
  status: IssueStatus
  updatedMs: number
  closedMs?: number
  failedReview: boolean
}

/** Runs one issue through the loop and returns where it stands at `now`. */
function simulate(rng: Rng, reportedMs: number, slaHours: number, nowMs: number): Timeline {
  const o = issueDefaults
  const events: [number, IssueStatus][] = []
  let t = reportedMs + (0.3 + lognormal(rng, 5, 1.1)) * hourMs // 交办
  events.push([t, 'fixing'])
  const stalled = rng() < o.stalled
  let failed = false
  for (let round = 0; round < 3; round++) {
    const share = round === 0 ? 0.55 : 0.35
    t += lognormal(rng, slaHours * share, 0.6) * (stalled ? 14 : 1) * hourMs // 整改
    events.push([t, 'reviewing'])
    t += (1 + lognormal(rng, 10, 0.7)) * hourMs // 复查
    if (rng() < (round === 0 ? o.reviewFailure : o.reviewFailure / 2)) {
      events.push([t, 'fixing'])
      failed = true
      continue
    }
    events.push([t, 'closed'])
    break
  }
  let status: IssueStatus = 'pending'
  let updatedMs = reportedMs
  let closedMs: number | undefined
  for (const [at, s] of events) {
    if (at > nowMs) break
    status = s
    updatedMs = at
    if (s === 'closed') closedMs = at
  }
  return { status, updatedMs, closedMs, failedReview: failed && status !== 'closed' }
}

export interface IssueContext {
  checkpoints: readonly Checkpoint[]
  locate: Locate
  now: string
}

export function buildIssueFeatures(ctx: IssueContext, rng: Rng): OutFeature[] {
  const o = issueDefaults
  const nowMs = Date.parse(ctx.now)
  const weights = ctx.checkpoints.map(
    (c) => placeWeight[c.category] * zoneWeight[c.zone] * Math.exp(0.5 * normal(rng)),
  )
  // hot spots: a few markets, back lanes and fringe points that keep generating problems
  const hotCandidates = ctx.checkpoints
    .map((c, i) => [i, c] as const)
    .filter(([, c]) =>
      ['market', 'market-surroundings', 'back-lane', 'urban-fringe', 'urban-village'].includes(
        c.category,
      ),
    )
  for (let k = 0; k < o.hotSpots && hotCandidates.length > 0; k++) {
    const [i] = hotCandidates.splice(Math.floor(rng() * hotCandidates.length), 1)[0] as readonly [
      number,
      Checkpoint,
    ]
    weights[i] = (weights[i] as number) * o.hotSpotFactor
  }
  const choices = ctx.checkpoints.map((c, i) => [c, weights[i] as number] as const)

  const drafts = []
  for (let n = 0; n < o.count; n++) {
    const c = pickWeighted(rng, choices)
    const category = pickWeighted(
      rng,
      Object.entries(categoryMix[c.category]) as [IssueCategory, number][],
    )
    const reportedMs = Math.floor(reportTime(rng, nowMs, o.days) / 1000) * 1000
    const sla = deadlineHours[category]
    const timeline = simulate(rng, reportedMs, sla, nowMs)
    drafts.push({
      c,
      category,
      reportedMs,
      deadlineMs: reportedMs + sla * hourMs,
      timeline,
      description: `${placeText[c.category]}${pick(rng, phrases[category])}`,
      unit: responsibleUnit(category, c, rng),
      lngLat: nearby(c, ctx.locate, rng),
    })
  }
  drafts.sort((a, b) => a.reportedMs - b.reportedMs || (a.c.id < b.c.id ? -1 : 1))
  return drafts.map((d, i) =>
    feature(
      `issue-${String(i + 1).padStart(5, '0')}`,
      {
        category: d.category,
        description: d.description,
        status: d.timeline.status,
        statusNotes:
          d.timeline.failedReview && d.timeline.status === 'fixing'
            ? '复查未通过，退回整改'
            : notes[d.timeline.status],
        reportedAt: toIso(d.reportedMs),
        updatedAt: toIso(d.timeline.updatedMs),
        deadlineAt: toIso(d.deadlineMs),
        ...(d.timeline.closedMs !== undefined ? { closedAt: toIso(d.timeline.closedMs) } : {}),
        responsibleUnit: d.unit,
        checkpointId: d.c.id,
        gridCode: d.c.grid.gridCode,
        townshipCode: d.c.grid.townshipCode,
        synthetic: true,
      },
      pointGeometry(d.lngLat),
    ),
  )
}

// a point within maxOffsetKm of the check point and in the same grid (redrawn if it leaves)
function nearby(c: Checkpoint, locate: Locate, rng: Rng): LngLat {
  const centre = toXy(c.lngLat)
  for (let attempt = 0; attempt < 30; attempt++) {
    const r = issueDefaults.maxOffsetKm * Math.sqrt(rng())
    const a = uniform(rng, 0, 2 * Math.PI)
    const p = roundLngLat(toLngLat([centre[0] + r * Math.cos(a), centre[1] + r * Math.sin(a)]))
    if (locate(p) === c.grid) return p
  }
  return c.lngLat
}
