// The 测评体系 XLSX: export → import gives the identical system; a broken file names each problem.

import { describe, expect, test } from 'vitest'
import writeXlsxFile from 'write-excel-file/node'
import { demoAssessmentSystem } from '../../server/assessment/system-demo.ts'
import { fromSystemXlsx, toSystemXlsx } from '../../server/assessment/system-xlsx.ts'
import { place } from '../../server/config/place.ts'
import { seedUnits } from '../../server/domain/units.ts'

const units = seedUnits([{ code: '532927101', name: '南诏镇' }])

describe('测评体系 XLSX', () => {
  test('export → import is identical (the 示意 system, 62 标准, units by name)', async () => {
    const system = demoAssessmentSystem(2026, place.assessment.shares, place.assessment.source)
    const bytes = await toSystemXlsx(system, units)
    expect(await fromSystemXlsx(bytes, units)).toEqual({ system })
  })

  test('a non-illustrative system with odd points and a township unit round-trips too', async () => {
    const system = demoAssessmentSystem(
      2027,
      { field: 1.1, materials: 0, survey: 0.3, departments: 99.9 },
      '某地',
    )
    system.illustrative = false
    const first = system.items[0]?.contents[0]?.standards[0]
    if (!first) throw new Error('empty')
    first.responsibleUnits = ['township-532927101', 'townships']
    const bytes = await toSystemXlsx(system, units)
    expect(await fromSystemXlsx(bytes, units)).toEqual({ system })
  })

  test('errors name the row and column: unknown unit, method, points, 一票否决', async () => {
    const heading = [
      '项目编号',
      '测评项目',
      '内容编号',
      '测评内容',
      '标准编号',
      '测评标准',
      '测评方式',
      '分值',
      '一票否决',
      '牵头单位',
      '责任单位',
      '配合单位',
    ]
    const bytes = await writeXlsxFile(
      [
        ['年度', 2026],
        ['名称', '测试'],
        ['来源', '测试'],
        ['示意', '否'],
        [],
        heading,
        [
          '01',
          '项目',
          '01-01',
          '内容',
          '01-01-01',
          '标准',
          '实地考查',
          'x',
          '也许',
          '不存在局',
          '',
          '',
        ],
      ],
      {},
    ).toBuffer()
    const result = await fromSystemXlsx(bytes, units)
    expect(result).toEqual({
      errors: [
        {
          row: 7,
          column: '测评方式',
          message: '第 7 行「测评方式」：应为 实地考察、材料审核、问卷调查、部门评价 之一',
        },
        { row: 7, column: '分值', message: '第 7 行「分值」：应为数字' },
        { row: 7, column: '一票否决', message: '第 7 行「一票否决」：应为 是 或 否' },
        {
          row: 7,
          column: '牵头单位',
          message: '第 7 行「牵头单位」：没有名为「不存在局」的责任单位',
        },
      ],
    })
  })

  test('not an Excel file: one file-level error', async () => {
    const result = await fromSystemXlsx(new TextEncoder().encode('a,b\n1,2'), units)
    expect(result).toEqual({
      errors: [{ row: 0, column: '', message: '文件不是 Excel（.xlsx）格式' }],
    })
  })
})
