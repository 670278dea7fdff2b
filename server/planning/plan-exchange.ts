// A demonstration-point plan as files: XLSX (sheet 1 one row per point with its score and factors,
// sheet 2 the plan's summary, weights and constraints) and GeoJSON (one point feature per point).
import writeXlsxFile, { type Row } from 'write-excel-file/node'
import type { CheckpointCategory } from '../domain/checkpoint.ts'
import { checkpointCategoryLabels, checkpointKindLabels } from '../domain/labels-zh.ts'
import { toShanghaiText } from '../exchange/shanghai-time.ts'
import {
  type CandidateScore,
  type DemoWeights,
  demoFactorLabels,
  demoFactors,
  type PlanConstraints,
  type PlanSummary,
} from './demo-points.ts'
import type { CheckpointInput } from './planning-inputs.ts'

export const planFormats = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  geojson: 'application/geo+json',
} as const
export type PlanFormat = keyof typeof planFormats

export const planSheetName = '示范点'
export const planSummarySheetName = '方案概况'

export interface PlanExport {
  id: string
  name: string
  weights: DemoWeights
  constraints: PlanConstraints
  summary: PlanSummary
  createdBy: string
  updatedAt: string
  /** The plan's points in its order; a point no longer among the check points is left out. */
  points: { checkpoint: CheckpointInput; townshipName: string; score: CandidateScore }[]
}

const pointHeaders = [
  '序号',
  '点位编号',
  '点位名称',
  '点位类型',
  '类别',
  '乡镇',
  '网格编码',
  '经度',
  '纬度',
  '得分',
  ...demoFactors.map((f) => `${demoFactorLabels[f]}（0–1）`),
] as const

const round = (value: number, digits: number) => Number(value.toFixed(digits))

/** 示范点方案-<name>-20261122.xlsx, the date in Beijing; characters files cannot hold become _. */
export function planFileName(name: string, now: Date, format: PlanFormat): string {
  const safe = name.replace(/[\\/:*?"<>|\p{Cc}]/gu, '_')
  const day = (toShanghaiText(now.toISOString()) ?? '').slice(0, 10).replaceAll('-', '')
  return `示范点方案-${safe}-${day}.${format}`
}

export async function toPlanXlsx(plan: PlanExport): Promise<Buffer> {
  const header: Row = pointHeaders.map((h) => ({ value: h, fontWeight: 'bold' as const }))
  const rows: Row[] = plan.points.map(({ checkpoint: c, townshipName, score }, i) => [
    i + 1,
    c.id,
    c.name,
    checkpointKindLabels[c.kind],
    checkpointCategoryLabels[c.category],
    townshipName,
    { value: c.gridCode, type: String },
    c.lngLat[0],
    c.lngLat[1],
    round(score.score, 1),
    ...demoFactors.map((f) => round(score.factors[f], 3)),
  ])
  const s = plan.summary
  const line = (label: string, value: string | number): Row => [
    { value: label, fontWeight: 'bold' },
    value,
  ]
  const required = Object.entries(plan.constraints.requiredCategories)
    .map(([c, n]) => `${checkpointCategoryLabels[c as CheckpointCategory] ?? c} ≥ ${n}`)
    .join('，')
  const summaryRows: Row[] = [
    line('方案编号', plan.id),
    line('方案名称', plan.name),
    line('保存人', plan.createdBy),
    line('更新时间（北京时间）', toShanghaiText(plan.updatedAt) ?? plan.updatedAt),
    line('点位数', s.size),
    line('总分', round(s.totalScore, 1)),
    line('平均得分', round(s.meanScore, 1)),
    line('最小间距（米）', s.minSpacingM === null ? '—' : Math.round(s.minSpacingM)),
    line('约束：方案规模', plan.constraints.size),
    line('约束：每乡镇最少', plan.constraints.minPerTownship),
    line('约束：最小间距（米）', plan.constraints.minSpacingM),
    line('约束：类别最少数', required || '无'),
    line('未满足的约束', s.violations.length > 0 ? s.violations.join('；') : '无'),
    ...demoFactors.map((f) => line(`权重：${demoFactorLabels[f]}`, plan.weights[f])),
  ]
  return writeXlsxFile([
    {
      sheet: planSheetName,
      data: [header, ...rows],
      columns: pointHeaders.map((h) => ({
        width: h === '点位名称' ? 28 : h === '网格编码' ? 18 : Math.max(8, h.length * 2),
      })),
      stickyRowsCount: 1,
    },
    {
      sheet: planSummarySheetName,
      data: summaryRows,
      columns: [{ width: 22 }, { width: 60 }],
    },
  ]).toBuffer()
}

/** RFC 7946 points; the plan itself rides along as foreign members (name, planId, summary). */
export function toPlanGeoJson(plan: PlanExport): Buffer {
  const features = plan.points.map(({ checkpoint: c, townshipName, score }, i) => ({
    type: 'Feature',
    id: c.id,
    geometry: { type: 'Point', coordinates: c.lngLat },
    properties: {
      order: i + 1,
      checkpointId: c.id,
      name: c.name,
      kind: c.kind,
      category: c.category,
      categoryName: checkpointCategoryLabels[c.category],
      townshipCode: c.townshipCode,
      townshipName,
      gridCode: c.gridCode,
      score: round(score.score, 2),
      factors: score.factors,
    },
  }))
  const body = {
    type: 'FeatureCollection',
    name: plan.name,
    planId: plan.id,
    weights: plan.weights,
    constraints: plan.constraints,
    summary: plan.summary,
    features,
  }
  return Buffer.from(JSON.stringify(body), 'utf8')
}
