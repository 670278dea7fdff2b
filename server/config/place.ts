// The place this server serves: one profile file per county, geodata/places/<adcode>/place.json,
// chosen by env PLACE (default: geodata/places/default.json). Read and validated once, on first import; a missing or bad
// profile stops the server with a message naming the file. Nothing else in server/ names a place.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { campaignScheduleSchema } from './campaign-schedule.ts'

const lngLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])

export const placeSchema = z
  .object({
    code: z.string().regex(/^\d{6}$/), // 县级统计用区划代码
    name: z.string().min(2), // full name, e.g. …自治县 / …市
    shortName: z.string().min(2), // as in headings: …县
    abbreviation: z.string().min(1), // one character, as in 文号
    province: z.string().min(2),
    seatTownship: z.object({ code: z.string().regex(/^\d{9}$/), name: z.string().min(2) }),
    assessment: z.object({
      source: z.string().min(2),
      // shares of the 测评体系 as the source gives them; they need not add to 100 (Henan 2016: 106)
      shares: z.object({
        field: z.number().positive(), // 实地考察
        materials: z.number().nonnegative(), // 材料审核
        survey: z.number().nonnegative(), // 问卷调查
        departments: z.number().nonnegative(), // 部门评价
      }),
      sumNote: z.string().optional(),
      schedule: campaignScheduleSchema.optional(), // 测评日期 and the 台账 倒排工期
    }),
    projectionOrigin: lngLat, // centre of the local equirectangular plane (issue index)
    hexOrigin: lngLat, // hexagon q = r = 0 of the wall's hex bins
    defaultView: z.object({ center: lngLat, zoom: z.number().min(0).max(22) }),
    titles: z.object({
      service: z.string(),
      page: z.string(),
      overview: z.string(),
      wall: z.string(),
      planning: z.string(),
      grids: z.string(),
      mobile: z.string(),
      mobileSubtitle: z.string(),
    }),
    documents: z.object({
      creator: z.string(),
      issuerName: z.string(),
      noticePrefix: z.string().min(1).max(12),
    }),
    outlineDescription: z.string(),
  })
  .strict()

export type Place = z.infer<typeof placeSchema>

export const placesDir = join(import.meta.dirname, '..', '..', 'geodata', 'places')

/** The place served when PLACE is not set: geodata/places/default.json { "code": … }. */
export function defaultPlaceCode(): string {
  const raw = JSON.parse(readFileSync(join(placesDir, 'default.json'), 'utf8')) as {
    code?: unknown
  }
  return String(raw.code)
}

export function placeFile(code: string): string {
  return join(placesDir, code, 'place.json')
}

/** Reads and validates one place profile; throws an Error naming the file and the bad fields. */
export function loadPlace(code: string): Place {
  if (!/^\d{6}$/.test(code)) throw new Error(`PLACE 须为 6 位区划代码，收到 ${code}`)
  const file = placeFile(code)
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (e) {
    throw new Error(`无法读取地区配置 ${file}：${(e as Error).message}`)
  }
  const parsed = placeSchema.safeParse(raw)
  if (!parsed.success) {
    throw new Error(
      `地区配置 ${file} 无效：${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`,
    )
  }
  if (parsed.data.code !== code) throw new Error(`地区配置 ${file} 的 code 应为 ${code}`)
  return parsed.data
}

/** The place of this process (env PLACE). */
export const place: Place = loadPlace(process.env.PLACE?.trim() || defaultPlaceCode())

/** Sum of the 测评体系 shares, as the source gives them. */
export function assessmentTotal(p: Place = place): number {
  const s = p.assessment.shares
  return Math.round((s.field + s.materials + s.survey + s.departments) * 10) / 10
}
