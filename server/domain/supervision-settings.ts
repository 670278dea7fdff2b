// 督查 settings as stored and served (GET/PUT /api/supervision/settings): who issues the documents,
// the 报 / 发 lines, the 整改通知书 文号 prefix and the ranking minimum. The client imports the type.
import { z } from 'zod'

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
