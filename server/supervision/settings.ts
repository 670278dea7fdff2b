// 督查 settings: who issues the documents, the 报 / 发 lines, the 整改通知书 文号 prefix and the ranking
// minimum. Stored as one JSON row; these defaults fill whatever is not set.
import { place } from '../config/place.ts'
import { type SupervisionSettings, settingsSchema } from '../domain/supervision-settings.ts'

export { type SupervisionSettings, settingsSchema }

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
