// 台账材料 as XLSX: sheet 1 the tasks as filtered (one row per 标准 × unit), sheet 2 completion per
// unit, sheet 3 per 标准.
import writeXlsxFile, { type Row } from 'write-excel-file/node'
import { materialStatusLabels } from '../domain/material.ts'
import type { MaterialCompletion, MaterialTask } from '../domain/material-completion.ts'

const bold = (value: string) => ({ value, fontWeight: 'bold' as const })
const percent = (value: number | null) => (value === null ? null : { value, format: '0.0%' })

export const taskHeaders = [
  '标准编号',
  '测评标准',
  '分值',
  '责任单位',
  '职责',
  '状态',
  '截止日期',
  '剩余天数',
  '是否逾期',
  '文件数',
  '照片数',
] as const

const tallyHeaders = [
  '任务数',
  '已上报',
  '合格',
  '退回',
  '有照片',
  '逾期',
  '台账上报率',
  '图片资料完成率',
  '合格率',
]

export async function toMaterialsXlsx(
  tasks: readonly MaterialTask[],
  completion: MaterialCompletion,
  unitName: (code: string) => string,
): Promise<Buffer> {
  const taskRows: Row[] = tasks.map((t) => [
    t.standardCode,
    t.standardName,
    t.points,
    unitName(t.unitCode),
    t.part === 'lead' ? '牵头' : '负责',
    t.status === 'missing' ? '未建立' : materialStatusLabels[t.status],
    t.dueOn,
    t.daysLeft,
    t.overdue ? '是' : '否',
    t.documentCount,
    t.photoCount,
  ])
  const tallyCells = (c: MaterialCompletion['total']) => [
    c.tasks,
    c.reported,
    c.approved,
    c.returned,
    c.withPhotos,
    c.overdue,
    percent(c.reportRate),
    percent(c.photoRate),
    percent(c.approvalRate),
  ]
  return writeXlsxFile(
    [
      {
        sheet: '台账材料',
        data: [taskHeaders.map(bold), ...taskRows],
        columns: taskHeaders.map((h) => ({
          width: h === '测评标准' ? 40 : h === '责任单位' ? 24 : 10,
        })),
        stickyRowsCount: 1,
      },
      {
        sheet: '按责任单位',
        data: [
          ['责任单位', ...tallyHeaders].map(bold),
          ...completion.units.map((u) => [unitName(u.unitCode), ...tallyCells(u)]),
          [bold('合计'), ...tallyCells(completion.total)],
        ],
        columns: [{ width: 24 }, ...tallyHeaders.map(() => ({ width: 12 }))],
        stickyRowsCount: 1,
      },
      {
        sheet: '按测评标准',
        data: [
          ['标准编号', '测评标准', '分值', ...tallyHeaders].map(bold),
          ...completion.standards.map((s) => [
            s.standardCode,
            s.standardName,
            s.points,
            ...tallyCells(s),
          ]),
        ],
        columns: [
          { width: 12 },
          { width: 40 },
          { width: 8 },
          ...tallyHeaders.map(() => ({ width: 12 })),
        ],
        stickyRowsCount: 1,
      },
    ],
    {},
  ).toBuffer()
}
