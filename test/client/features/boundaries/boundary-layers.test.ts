import { booleanPointInPolygon } from '@turf/turf'
import type { Polygon } from 'geojson'
import { describe, expect, test } from 'vitest'
import type {
  PlaceCollection,
  TownshipRadiusCollection,
} from '../../../../client/features/boundaries/api.ts'
import {
  countyMask,
  neighborLabelPoints,
  radiusLabel,
  riverLabel,
  separatedLabels,
  toBaseSources,
  townshipRadiusLayerIds,
  townshipRadiusLayers,
} from '../../../../client/features/boundaries/layers.ts'
import { placeDetails } from '../../../../client/features/boundaries/place-details.ts'

function square(w: number, s: number, e: number, n: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  }
}

function places(
  features: { id: string; geometry: Polygon | null; properties: Record<string, unknown> }[],
) {
  return {
    type: 'FeatureCollection',
    features: features.map((f) => ({ type: 'Feature', ...f })),
  } as unknown as PlaceCollection
}

const county = places([
  {
    id: '532927',
    geometry: square(100, 25, 100.4, 25.5),
    properties: { name: '巍山彝族回族自治县' },
  },
])

describe('river labels say they are schematic', () => {
  test.each([
    [{ name: '红河' }, '红河（示意）'],
    [{ name: 'Hong' }, '红河（示意）'],
    [{ label: '红河（示意）' }, '红河（示意）'],
    [{ name: 'Lancang' }, '澜沧江（示意）'],
    [{}, undefined],
  ])('%j → %s', (properties, label) => {
    expect(riverLabel(properties)).toBe(label)
  })
})

describe('base sources', () => {
  test('the mask covers the surroundings with the county as a hole', () => {
    const mask = countyMask(county)
    expect(mask.geometry.coordinates).toHaveLength(2)
    expect(booleanPointInPolygon([100.2, 25.2], mask)).toBe(false)
    expect(booleanPointInPolygon([99.5, 25.2], mask)).toBe(true)
  })

  test('neighbour names sit inside the neighbour, near the county', () => {
    const neighbors = places([
      { id: '532901', geometry: square(100.4, 25, 101.5, 26), properties: { name: '大理市' } },
    ])
    const [label] = neighborLabelPoints(neighbors, [99.9, 24.9, 100.5, 25.6]).features
    expect(label?.properties?.label).toBe('大理市')
    const [lng = 0, lat = 0] = label?.geometry.coordinates ?? []
    expect(lng).toBeGreaterThan(100.4)
    expect(lng).toBeLessThanOrEqual(100.5)
    expect(lat).toBeGreaterThanOrEqual(25)
  })

  test('features get a label and their OGC id; townships a tint index in code order', () => {
    const townships = places([
      {
        id: 'b',
        geometry: square(100, 25, 100.2, 25.5),
        properties: { code: '532927102', name: '庙街镇' },
      },
      {
        id: 'a',
        geometry: square(100.2, 25, 100.4, 25.5),
        properties: { code: '532927101', name: '南诏镇' },
      },
    ])
    const sources = toBaseSources({ county, townships })
    expect(Object.keys(sources).sort()).toEqual(['county', 'mask', 'townships'])
    expect(sources.townships?.features.map((f) => f.properties)).toMatchObject([
      { label: '庙街镇', fid: 'b', colorIndex: 1 },
      { label: '南诏镇', fid: 'a', colorIndex: 0 },
    ])
  })

  test('only what has loaded is built', () => {
    expect(toBaseSources({})).toEqual({})
  })
})

describe('township radii', () => {
  const ring = square(100.29, 25.23, 100.31, 25.25) as Polygon
  const radii = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        id: '532927101',
        geometry: ring,
        properties: { townshipCode: '532927101', radiusMeters: 1000 },
      },
    ],
  } as unknown as TownshipRadiusCollection

  test('are rings plus labels with stable ids', () => {
    const layers = townshipRadiusLayers(radii, { visible: true, labelsVisible: true })
    expect(layers.map((l) => l.id)).toEqual([
      townshipRadiusLayerIds.rings,
      townshipRadiusLayerIds.labels,
    ])
    expect(layers[0]?.props).toMatchObject({ filled: false, stroked: true })
  })

  test('labels wait for data: an empty text layer would draw a zero-size atlas', () => {
    expect(
      townshipRadiusLayers(undefined, { visible: true, labelsVisible: true }).map((l) => l.id),
    ).toEqual([townshipRadiusLayerIds.rings])
  })

  test('a label names the township, from the feature or the lookup', () => {
    expect(radiusLabel({ townshipName: '南诏镇' })).toBe('南诏镇 1公里范围')
    expect(radiusLabel({ townshipCode: '532927101' }, () => '南诏镇')).toBe('南诏镇 1公里范围')
  })
})

test('place details show the listed keys only, in Chinese', () => {
  const details = placeDetails(
    'villages',
    {
      code: '532927101001',
      name: '日昇街社区',
      townshipCode: '532927101',
      urCode: '121',
      villageType: 'community',
      coordSource: 'synthetic',
    },
    { township: () => '南诏镇' },
  )
  expect(details.title).toBe('日昇街社区')
  expect(details.rows.map((r) => [r.label, r.value])).toEqual([
    ['区划代码', '532927101001'],
    ['所属乡镇', '南诏镇（532927101）'],
    ['城乡分类', '镇中心区（121）'],
    ['坐标来源', '示意位置（合成）'],
  ])
})

test('the county seat is told apart from township seats', () => {
  expect(placeDetails('seats', { code: '532927', name: '巍山县城' }).kind).toBe(
    '县城（县人民政府所在地）',
  )
  expect(placeDetails('seats', { code: '532927101', name: '南诏镇' }).kind).toBe('政府所在地')
})

describe('separatedLabels', () => {
  // two seats 1.5 km apart east–west (永建镇 and 大仓镇 are about that close), one far away
  const near = [
    { position: [100.3, 25.4] as [number, number], text: '永建镇 1公里范围' },
    { position: [100.315, 25.4] as [number, number], text: '大仓镇 1公里范围' },
    { position: [100.3, 25.0] as [number, number], text: '牛街乡 1公里范围' },
  ]
  test.each([
    [10, ['永建镇 1公里范围', '牛街乡 1公里范围']], // ≈ 1 km per 100 px: the names would collide
    [14, ['永建镇 1公里范围', '大仓镇 1公里范围', '牛街乡 1公里范围']], // far enough apart on screen
  ])('at zoom %i keeps %j', (zoom, texts) => {
    expect(separatedLabels(near, zoom).map((l) => l.text)).toEqual(texts)
  })

  test('bigger text on a wall display needs more room', () => {
    expect(separatedLabels(near, 13, 1)).toHaveLength(3)
    expect(separatedLabels(near, 13, 2)).toHaveLength(2)
  })
})
