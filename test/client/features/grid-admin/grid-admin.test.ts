import type { Polygon } from 'geojson'
import { describe, expect, test } from 'vitest'
import type { GridRow } from '../../../../client/features/grid-admin/api.ts'
import {
  colorKey,
  colorOf,
  colorScale,
  noOwnerColor,
  toHex,
} from '../../../../client/features/grid-admin/grid-colors.ts'
import {
  emptyFilter,
  filterRows,
  formatRate,
  nextSort,
  sortRows,
  toCsv,
  toServerFilter,
  unassignedReason,
} from '../../../../client/features/grid-admin/grid-filter.ts'
import { hatchPattern } from '../../../../client/features/grid-admin/hatch.ts'
import {
  gridAdminLayerIds,
  gridDeckLayers,
  gridHatch,
  gridOverlay,
  pickedGrid,
  toMapGrids,
} from '../../../../client/features/grid-admin/layers.ts'
import {
  buildDiffGrids,
  declutterLabels,
  describeRatioChange,
  groupMoves,
  movesToAssignments,
} from '../../../../client/features/grid-admin/rebalance-diff.ts'
import {
  anchorPoints,
  clickSelection,
  gridsInside,
  mergeSelection,
} from '../../../../client/features/grid-admin/selection.ts'
import { toCssColor } from '../../../../client/lib/legend.ts'

function buildRow(overrides: Partial<GridRow> = {}): GridRow {
  return {
    gridCode: '532927101001001',
    name: '南诏镇-城区第1网格',
    townshipCode: '532927101',
    townshipName: '南诏镇',
    villageCode: '532927101001',
    unitCode: 'urban-management',
    unitName: '县城市管理局',
    managerId: 'gm-0001',
    managerName: '张丽',
    managerPhone: '136****0001',
    areaKm2: 0.5,
    fixedPoints: 2,
    randomPoints: 3,
    openIssues: 4,
    overdueIssues: 1,
    issuesTotal: 10,
    closureRate: 0.6,
    unassigned: false,
    editable: true,
    ...overrides,
  }
}

/** An axis-aligned square [x, y] – [x + size, y + size] in degrees. */
function square(x: number, y: number, size: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + size, y],
        [x + size, y + size],
        [x, y + size],
        [x, y],
      ],
    ],
  }
}

describe('grid colours', () => {
  test('keys in code order take the palette in turn, whatever order they arrive in', () => {
    const a = colorScale(['gm-0003', 'gm-0001', 'gm-0002'])
    const b = colorScale(['gm-0001', 'gm-0002', 'gm-0003', 'gm-0001'])
    expect([...a.keys()]).toEqual(['gm-0001', 'gm-0002', 'gm-0003'])
    expect(a).toEqual(b)
  })

  test('neighbouring manager ids get different colours', () => {
    const ids = Array.from({ length: 20 }, (_, i) => `gm-${String(i + 1).padStart(4, '0')}`)
    const scale = colorScale(ids)
    const colours = ids.map((id) => colorOf(scale, id).join())
    expect(new Set(colours).size).toBe(20)
  })

  test.each([
    ['unit', 'urban-management'],
    ['manager', 'gm-0001'],
  ] as const)('colouring by %s reads %s from the row', (mode, key) => {
    expect(colorKey(buildRow(), mode)).toBe(key)
  })

  test('a grid without a manager, or with an unknown key, is grey', () => {
    const scale = colorScale(['gm-0001'])
    expect(colorOf(scale, null)).toEqual(noOwnerColor)
    expect(colorOf(scale, 'gm-9999')).toEqual(noOwnerColor)
    expect(colorKey(buildRow({ managerId: null }), 'manager')).toBeNull()
  })

  test('hex for CSS pads every channel to two digits', () => {
    expect(toHex([1, 2, 255, 255])).toBe('#0102ff')
  })
})

describe('grid table filters and sorting', () => {
  const rows = [
    buildRow({ gridCode: '532927101001001', openIssues: 4, closureRate: 0.5 }),
    buildRow({
      gridCode: '532927101001002',
      unitCode: 'education',
      unitName: '县教育体育局',
      managerId: null,
      managerName: null,
      unassigned: true,
      openIssues: 9,
      closureRate: null,
    }),
    buildRow({
      gridCode: '532927102001001',
      townshipCode: '532927102',
      townshipName: '文华镇',
      managerId: 'gm-0007',
      managerName: '李强',
      openIssues: 0,
      closureRate: 1,
    }),
  ]
  const codes = (list: GridRow[]) => list.map((r) => r.gridCode)

  test.each([
    [{ township: '532927102' }, ['532927102001001']],
    [{ unit: 'education' }, ['532927101001002']],
    [{ manager: 'gm-0007' }, ['532927102001001']],
    [{ unassignedOnly: true }, ['532927101001002']],
    [{ text: '李强' }, ['532927102001001']],
    [{ text: '101001' }, ['532927101001001', '532927101001002']],
    [{ text: '  教育 ' }, ['532927101001002']],
    [{}, ['532927101001001', '532927101001002', '532927102001001']],
  ])('filter %j keeps %j', (patch, expected) => {
    expect(codes(filterRows(rows, { ...emptyFilter, ...patch }))).toEqual(expected)
  })

  test('sorting by open issues descending puts the busiest grid first', () => {
    expect(codes(sortRows(rows, { key: 'openIssues', descending: true }))).toEqual([
      '532927101001002',
      '532927101001001',
      '532927102001001',
    ])
  })

  test.each([false, true])(
    'a grid without issues sorts last by closure rate (descending %s)',
    (d) => {
      expect(codes(sortRows(rows, { key: 'closureRate', descending: d })).at(-1)).toBe(
        '532927101001002',
      )
    },
  )

  test('sorting by manager keeps the grid without a manager last', () => {
    expect(codes(sortRows(rows, { key: 'managerName', descending: false })).at(-1)).toBe(
      '532927101001002',
    )
  })

  test('clicking the sorted column flips it; a new number column starts high, a text column low', () => {
    expect(nextSort({ key: 'gridCode', descending: false }, 'gridCode')).toEqual({
      key: 'gridCode',
      descending: true,
    })
    expect(nextSort({ key: 'gridCode', descending: false }, 'overdueIssues').descending).toBe(true)
    expect(nextSort({ key: 'areaKm2', descending: true }, 'unitName').descending).toBe(false)
  })

  test('the export link carries only the filters in use', () => {
    expect(toServerFilter({ ...emptyFilter, unassignedOnly: true, text: ' 南诏 ' })).toEqual({
      township: '',
      unit: '',
      manager: '',
      unassigned: 'true',
      q: '南诏',
    })
  })

  test('closure rate reads as a whole percentage, or a dash without issues', () => {
    expect(formatRate(0.666)).toBe('67%')
    expect(formatRate(null)).toBe('—')
  })

  test('the CSV starts with a BOM and a Chinese header, keeps codes as text and quotes commas', () => {
    const csv = toCsv(
      [buildRow({ name: '城区,第1网格', managerName: null })],
      [
        { header: '网格编码', value: (r) => r.gridCode },
        { header: '网格名称', value: (r) => r.name },
        { header: '网格长', value: (r) => r.managerName ?? '未指派' },
      ],
    )
    expect(csv).toBe(
      '\uFEFF网格编码,网格名称,网格长\r\n"=""532927101001001""","城区,第1网格",未指派\r\n',
    )
  })
})

describe('unassigned reason', () => {
  test.each([
    { managerId: null, managerName: null, active: true, reads: '' },
    { managerId: 'gm-0003', managerName: '王芳', active: false, reads: '王芳 已停用' },
    {
      managerId: 'gm-0003',
      managerName: '王芳',
      active: true,
      reads: '王芳，单位已停用',
    },
  ])('an unassigned row with manager $managerId (active $active) explains “$reads”', (c) => {
    expect(unassignedReason(c, () => c.active)).toBe(c.reads)
  })
})

describe('selection', () => {
  test.each([
    [[], 'a', false, ['a']],
    [['a', 'b'], 'c', false, ['c']],
    [['a'], 'a', false, []],
    [['a'], 'b', true, ['a', 'b']],
    [['a', 'b'], 'a', true, ['b']],
  ])('selection %j, click %s (shift %s) → %j', (selected, code, additive, expected) => {
    expect(clickSelection(selected, code, additive)).toEqual(expected)
  })

  test('a box replaces the selection, with shift it adds without duplicates', () => {
    expect(mergeSelection(['a', 'b'], ['b', 'c'], false)).toEqual(['b', 'c'])
    expect(mergeSelection(['a', 'b'], ['b', 'c'], true)).toEqual(['a', 'b', 'c'])
  })

  test('a lasso takes the grids whose anchor lies inside it, not those it only grazes', () => {
    const anchors = anchorPoints([
      { code: 'left', geometry: square(0, 0, 1) },
      { code: 'right', geometry: square(1, 0, 1) },
      { code: 'far', geometry: square(5, 5, 1) },
    ])
    // covers the whole left square and a sliver of the right one
    expect(gridsInside(anchors, square(-0.5, -0.5, 1.7))).toEqual(['left'])
    expect(gridsInside(anchors, square(-1, -1, 3.5))).toEqual(['left', 'right'])
  })

  test('the anchor of an L-shaped grid lies inside it', () => {
    const ell: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [3, 0],
          [3, 1],
          [1, 1],
          [1, 3],
          [0, 3],
          [0, 0],
        ],
      ],
    }
    const [x = 0, y = 0] = anchorPoints([{ code: 'l', geometry: ell }]).get('l') ?? []
    expect((x <= 1 && y <= 3) || (x <= 3 && y <= 1)).toBe(true)
  })
})

describe('hatching', () => {
  const on = (p: ReturnType<typeof hatchPattern>, x: number, y: number) =>
    p.data[(y * p.width + x) * 4 + 3] === 255

  test('a tile of 45° lines that repeats without a seam', () => {
    const p = hatchPattern(12, 1.4, [220, 38, 38, 255], 1)
    expect(p.width).toBe(17) // 12 px across the lines is 12·√2 along an axis
    expect(p.height).toBe(p.width)
    for (let y = 0; y < p.height; y++)
      for (let x = 0; x < p.width; x++) {
        // along the diagonal the line goes on; across the tile's edge it continues on the far side
        expect(on(p, x, y)).toBe(on(p, (x + 1) % p.width, (y + p.height - 1) % p.height))
      }
    const lit = p.data.filter((_, i) => i % 4 === 3 && p.data[i] === 255).length
    expect(lit / (p.width * p.height)).toBeCloseTo(2 / 17, 5) // 1.4·√2 ≈ 2 px of every 17
    expect([...p.data.subarray(0, 4)]).toEqual([220, 38, 38, 255])
  })

  test('at a higher pixel ratio the tile has more pixels and the same size on screen', () => {
    const p = hatchPattern(12, 1.4, [220, 38, 38, 255], 2)
    expect(p.pixelRatio).toBe(2)
    expect(p.width).toBe(34)
    expect(gridHatch(2, 1).width).toBe(34)
  })
})

describe('rebalance diff', () => {
  const moves = [
    { gridCode: 'g2', from: 'gm-0001', to: 'gm-0002' },
    { gridCode: 'g1', from: 'gm-0001', to: 'gm-0002', fromName: '张丽', toName: '王芳' },
    { gridCode: 'g3', from: 'gm-0003', to: 'gm-0001' },
    { gridCode: 'gone', from: 'gm-0003', to: 'gm-0001' },
  ]
  const names: Record<string, string> = { 'gm-0001': '张丽', 'gm-0002': '王芳', 'gm-0003': '赵军' }
  const nameOf = (id: string) => names[id]

  test('each moved grid with a shape is outlined in its new owner colour and labelled from → to', () => {
    const shapes = new Map([
      ['g1', square(0, 0, 1)],
      ['g2', square(1, 0, 1)],
      ['g3', square(2, 0, 1)],
    ])
    const anchors = anchorPoints([...shapes].map(([code, geometry]) => ({ code, geometry })))
    const diff = buildDiffGrids({
      moves,
      shapes,
      anchors,
      colorOf: (owner) => (owner === 'gm-0002' ? [0, 0, 255, 255] : [255, 0, 0, 255]),
      nameOf,
    })
    expect(diff.map((d) => [d.gridCode, d.label, d.toColor])).toEqual([
      ['g2', '张丽 → 王芳', [0, 0, 255, 255]],
      ['g1', '张丽 → 王芳', [0, 0, 255, 255]],
      ['g3', '赵军 → 张丽', [255, 0, 0, 255]],
    ])
  })

  test('moves group by from → to, biggest group first, codes sorted', () => {
    expect(groupMoves(moves, nameOf)).toEqual([
      { from: 'gm-0001', to: 'gm-0002', fromName: '张丽', toName: '王芳', gridCodes: ['g1', 'g2'] },
      {
        from: 'gm-0003',
        to: 'gm-0001',
        fromName: '赵军',
        toName: '张丽',
        gridCodes: ['g3', 'gone'],
      },
    ])
  })

  test('accepting moves assigns the manager or the unit, whichever the proposal balanced', () => {
    expect(movesToAssignments(moves.slice(0, 1), 'manager')).toEqual([
      { gridCode: 'g2', managerId: 'gm-0002' },
    ])
    expect(movesToAssignments(moves.slice(0, 1), 'unit')).toEqual([
      { gridCode: 'g2', unitCode: 'gm-0002' },
    ])
  })

  test('labels that would overlap at this zoom wait for a closer one; far apart ones all show', () => {
    const near = [
      { anchor: [100.3, 25.2], label: '张丽 → 王芳' },
      { anchor: [100.301, 25.2], label: '赵军 → 张丽' },
      { anchor: [100.5, 25.4], label: '王芳 → 赵军' },
    ]
    expect(declutterLabels(near, 10, 12).map((d) => d.label)).toEqual([
      '张丽 → 王芳',
      '王芳 → 赵军',
    ])
    expect(declutterLabels(near, 17, 12)).toHaveLength(3)
  })

  test.each([
    [4, 2, '4.00 → 2.00（-50%）'],
    [null, 1.5, '∞ → 1.50'],
    [2, 2, '2.00 → 2.00（0%）'],
  ])('spread ratio %s → %s reads %s', (before, after, text) => {
    expect(describeRatioChange(before, after)).toBe(text)
  })
})

describe('workspace layers', () => {
  const rows = new Map([
    ['a', buildRow({ gridCode: 'a' })],
    ['b', buildRow({ gridCode: 'b', managerId: null, managerName: null, unassigned: true })],
  ])
  const shapes = [
    { code: 'a', geometry: square(100, 25, 0.01) },
    { code: 'b', geometry: square(100.01, 25, 0.01) },
    { code: 'not-in-table', geometry: square(100.02, 25, 0.01) },
  ]

  test('map grids join shapes with rows and take the colour of their owner', () => {
    const scale = colorScale(['education', 'urban-management'])
    const grids = toMapGrids(shapes, rows, 'unit', scale)
    expect(grids.map((g) => g.properties.gridCode)).toEqual(['a', 'b'])
    expect(grids[0]?.properties.color).toEqual(
      toCssColor(scale.get('urban-management') ?? noOwnerColor),
    )
    expect(grids[1]?.properties.unassigned).toBe(true)
  })

  test('the grids are style layers: unassigned ones hatched and outlined red', () => {
    const grids = toMapGrids(shapes, rows, 'manager', colorScale(['gm-0001']))
    const overlay = gridOverlay({
      grids: { type: 'FeatureCollection', features: grids },
      hatch: gridHatch(1, 1),
      selected: ['a'],
      hovered: 'b',
      dimmed: false,
      scale: 1,
    })
    const byId = new Map(overlay.layers.map((l) => [l.id, l]))
    expect(byId.get(gridAdminLayerIds.hatch)).toMatchObject({
      filter: ['==', ['get', 'unassigned'], true],
      paint: { 'fill-pattern': gridAdminLayerIds.hatchImage },
    })
    expect(byId.get(gridAdminLayerIds.unassigned)).toMatchObject({
      filter: ['==', ['get', 'unassigned'], true],
    })
    expect(overlay.images?.[gridAdminLayerIds.hatchImage]?.width).toBe(17)
    expect(overlay.sources[gridAdminLayerIds.source]?.promoteId).toBe('gridCode')
    expect(overlay.pickable).toEqual([gridAdminLayerIds.fill])
    // selection and hover are feature states, so moving the pointer re-cuts nothing
    expect(overlay.states?.[gridAdminLayerIds.source]).toEqual({
      a: { selected: true },
      b: { hovered: true },
    })
  })

  test("a proposal dims the owners' fills", () => {
    const input = {
      grids: { type: 'FeatureCollection' as const, features: [] },
      hatch: gridHatch(1, 1),
      selected: [],
      hovered: undefined,
      scale: 1,
    }
    const opacity = (dimmed: boolean) => {
      const fill = gridOverlay({ ...input, dimmed }).layers[0]
      return fill && 'paint' in fill ? JSON.stringify(fill.paint?.['fill-opacity' as never]) : ''
    }
    expect(opacity(true)).not.toEqual(opacity(false))
  })

  test('deck.gl layers only while a proposal or an import check has something to show', () => {
    expect(gridDeckLayers({ diff: [], zoom: 12, scale: 1 })).toEqual([])
    const problems = {
      type: 'FeatureCollection' as const,
      features: [
        { type: 'Feature' as const, geometry: square(0, 0, 1), properties: { kind: 'gap' } },
      ],
    }
    const layers = gridDeckLayers({ diff: [], zoom: 12, scale: 1, importProblems: problems })
    expect(layers.map((l) => l.id)).toEqual([gridAdminLayerIds.importProblems])
  })

  test('a click picks the grid from the fill layer only', () => {
    const feature = (id: string) => ({ layer: { id }, properties: { gridCode: 'a' } })
    expect(pickedGrid([feature(gridAdminLayerIds.selection)])).toBeUndefined()
    expect(pickedGrid([feature('townships-fill'), feature(gridAdminLayerIds.fill)])).toBe('a')
  })
})
