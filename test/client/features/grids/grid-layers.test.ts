import { describe, expect, test } from 'vitest'
import type { GridCollection, GridFeature } from '../../../../client/features/grids/api.ts'
import { gridDetails } from '../../../../client/features/grids/grid-details.ts'
import {
  gridLayerId,
  gridLayers,
  gridLegend,
  unitColor,
} from '../../../../client/features/grids/layers.ts'
import { departmentUnits } from '../../../../server/domain/units.ts'
import { buildGrid } from '../../../builders.ts'

const townshipCodes = ['101', '102', '103', '104', '201', '202', '203', '204', '205', '206'].map(
  (suffix) => `township-532927${suffix}`,
)

describe('grid layers', () => {
  test('one GeoJsonLayer with a stable id, filled and outlined, pickable', () => {
    const [layer] = gridLayers(undefined, { visible: true })
    expect(layer?.id).toBe(gridLayerId)
    expect(layer?.props).toMatchObject({
      filled: true,
      stroked: true,
      pickable: true,
      visible: true,
    })
  })

  test('every department and township government gets its own colour', () => {
    const codes = [...departmentUnits.map((u) => u.code), ...townshipCodes]
    const colours = codes.map((code) => unitColor(code).join())
    expect(new Set(colours).size).toBe(codes.length)
  })

  test('a unit keeps its colour whatever else is loaded', () => {
    expect(unitColor('housing')).toEqual(unitColor('housing'))
    expect(unitColor('some-new-unit')).toEqual(unitColor('some-new-unit'))
  })

  test('the legend lists units by grid count, then how many are left out', () => {
    const grids = {
      type: 'FeatureCollection',
      features: [
        buildGrid({ properties: { responsibleUnit: 'housing' } }),
        buildGrid({ properties: { responsibleUnit: 'health' } }),
        buildGrid({ properties: { responsibleUnit: 'health' } }),
        buildGrid({ properties: { responsibleUnit: 'education' } }),
      ],
    } as unknown as GridCollection
    const names: Record<string, string> = { health: '卫健', housing: '住建', education: '教体' }
    const labels = gridLegend(grids, (code) => names[code] ?? code, 2).map((s) => s.label)
    expect(labels).toEqual(['卫健（2）', '教体（1）', '另有 1 个责任单位'])
  })
})

test('grid details show the unit name and the masked phone', () => {
  const grid = buildGrid({
    id: '532927101001001',
    properties: {
      name: '南诏镇-城区第1网格',
      responsibleUnit: 'housing',
      managerPhone: '136****1234',
    },
  }) as unknown as GridFeature
  const details = gridDetails(grid, { unit: () => '县住房和城乡建设局' })
  expect(details.title).toBe('南诏镇-城区第1网格')
  expect(details.badge?.text).toBe('县住房和城乡建设局')
  expect(details.rows.find((r) => r.key === 'managerPhone')?.value).toBe('136****1234')
})
