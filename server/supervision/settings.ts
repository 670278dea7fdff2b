// 督查 settings: who issues the documents, the 报 / 发 lines, the 整改通知书 文号 prefix and the ranking
// minimum. Stored as one JSON row; these defaults fill whatever is not set.
import { z } from 'zod'
import { place } from '../config/place.ts'

export const settingsSchema = z
  .object({
    mastheadName: z.string().trim().min(2).max(20), // 发文机关标志 of the 通报
    issuerName: z.string().trim().min(2).max(40), // 印发机关
    reportTo: z.string().trim().max(200), // 报
    sendTo: z.string().trim().max(200), // 发
    noticePrefix: z.string().trim().min(1).max(12), // 文号 prefix: X创整改〔2026〕12号
    noticeIssuer: z.string().trim().min(2).max(40),
    minIssuesToRank: z.number().int().min(1).max(1000), // issues a unit needs in a period to be ranked
  })
  .strict()

export type SupervisionSettings = z.infer<typeof settingsSchema>

export const defaultSettings: SupervisionSettings = {
  mastheadName: '督促检查情况',
  issuerName: place.documents.issuerName,
  reportTo: '县委、县人大常委会、县政府、县政协主要领导，分管领导',
  sendTo: '各乡镇党委、政府，县级各有关部门',
  noticePrefix: place.documents.noticePrefix,
  noticeIssuer: place.documents.issuerName,
  minIssuesToRank: 3, // issues per period
}

export function withDefaults(stored: Record<string, unknown> | undefined): SupervisionSettings {
  const parsed = settingsSchema.partial().safeParse(stored ?? {})
  return { ...defaultSettings, ...(parsed.success ? parsed.data : {}) }
}

/** X创整改〔2026〕12号 */
export function noticeNumberText(prefix: string, year: number, number: number): string {
  return `${prefix}〔${year}〕${number}号`
}
