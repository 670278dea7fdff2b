// Builders for the 材料审核 tests: a schedule, two 标准, real magic bytes of each file type, a full
// 说明报告, and an upload helper.
import { zipSync } from 'fflate'
import { fixedMaterialStandards } from '../../server/assessment/material-standards.ts'
import type { MaterialSchedule } from '../../server/domain/material-schedule.ts'
import type { Client } from './ledger-app.ts'

export const testSchedule: MaterialSchedule = {
  year: 2027,
  assessedOn: '2027-01-20', // pinnedNow is 2026-11-22: the submit day (12-06) is two weeks away
  submitDaysBefore: 45,
  reviewDaysBefore: 30,
  handoverDaysBefore: 15,
  resubmitDays: 5,
}

export const testStandards = fixedMaterialStandards([
  {
    code: '03-02-01',
    name: '公益广告刊播',
    points: 0.8,
    leadUnits: ['civilization-office'],
    responsibleUnits: ['urban-management', 'market-regulation'],
  },
  {
    code: '05-01-02',
    name: '农贸市场规范管理',
    points: 1,
    leadUnits: ['market-regulation'],
    responsibleUnits: [],
  },
])

export const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
export const jpeg = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  Buffer.from('JFIF photo'),
])
export const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])
export const docx = Buffer.from(
  zipSync({
    '[Content_Types].xml': new TextEncoder().encode('<Types/>'),
    'word/document.xml': new TextEncoder().encode('<w:document/>'),
  }),
)
export const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

export const fullReport = {
  responsibility: '县城市管理局为公益广告设置的责任单位，局长为第一责任人',
  deployment: '《关于加强公益广告管理的通知》（城管〔2026〕12号）',
  measures: '主次干道每 500 米设置 1 处公益广告，每周巡查更换破损',
  dataExamples: '全县刊播公益广告 1280 处，其中主干道 420 处',
  results: '公益广告覆盖率 100%，群众知晓率 92%',
}

export function upload(client: Client, id: string, bytes: Uint8Array, type: string, name = '材料') {
  return client.send(`/api/materials/${id}/files`, {
    method: 'POST',
    body: bytes,
    headers: {
      'content-type': type,
      'x-requested-with': 'fetch',
      'x-file-name': encodeURIComponent(name),
    },
  })
}
