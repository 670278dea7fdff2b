// The polygon Shapefile writer, read back by GDAL: rings, holes and parts in the right roles, text
// in UTF-8, numbers as numbers, long text cut on a character boundary.
import { zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { type ShapeRecord, writePolygonShapefile } from '../../server/grids/shapefile-writer.ts'
import { ogrinfo } from '../exchange/ogrinfo.ts'

const square = (x: number, y: number, size: number): number[][] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
]

async function readBack(records: ShapeRecord[]) {
  const parts = writePolygonShapefile(
    [
      { name: 'NAME', type: 'C' },
      { name: 'AREA', type: 'N', decimals: 2 },
    ],
    records,
    new Date('2026-11-22T00:00:00Z'),
  )
  const text = new TextEncoder()
  const zip = zipSync({
    't.shp': parts.shp,
    't.shx': parts.shx,
    't.dbf': parts.dbf,
    't.prj': text.encode(parts.prj),
    't.cpg': text.encode(parts.cpg),
  })
  const layer = (await ogrinfo(zip, 't.shp.zip')).get('t')
  if (!layer) throw new Error('GDAL found no layer t')
  return layer
}

/** The shoelace area of each ring of the first record, read from the .shp bytes (> 0: counter-clockwise). */
function ringAreas(shp: Uint8Array): number[] {
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength)
  const content = 108 // 100-byte file header + 8-byte record header
  const ringCount = view.getInt32(content + 36, true)
  const pointCount = view.getInt32(content + 40, true)
  const starts = Array.from({ length: ringCount }, (_, i) =>
    view.getInt32(content + 44 + 4 * i, true),
  )
  const pointsAt = content + 44 + 4 * ringCount
  const point = (k: number) => [
    view.getFloat64(pointsAt + 16 * k, true),
    view.getFloat64(pointsAt + 16 * k + 8, true),
  ]
  return starts.map((start, r) => {
    const end = starts[r + 1] ?? pointCount
    let sum = 0
    for (let k = start; k < end - 1; k++) {
      const [x1 = 0, y1 = 0] = point(k)
      const [x2 = 0, y2 = 0] = point(k + 1)
      sum += x1 * y2 - x2 * y1
    }
    return sum / 2
  })
}

describe('writePolygonShapefile', () => {
  it('writes a polygon with a hole and a two-part multipolygon that GDAL reads as such', async () => {
    const layer = await readBack([
      {
        polygons: [[square(100, 25, 1), square(100.25, 25.25, 0.5).reverse()]],
        values: { NAME: '有洞的网格', AREA: 0.75 },
      },
      {
        polygons: [[square(102, 25, 1)], [square(104, 25, 1)]],
        values: { NAME: '两块', AREA: 2 },
      },
    ])
    expect(layer.featureCount).toBe(2)
    expect(layer.features.map((f) => f.NAME)).toEqual(['有洞的网格', '两块'])
    expect(layer.features.map((f) => Number(f.AREA))).toEqual([0.75, 2])
    const [holed, twoParts] = layer.geometries
    expect(holed).toMatch(/^POLYGON \(\(.*\),\(.*\)\)$/)
    expect(twoParts).toMatch(/^MULTIPOLYGON \(\(\(.*\)\),\(\(.*\)\)\)$/)
  })

  it('writes exterior rings clockwise and holes counter-clockwise, whatever order they came in', () => {
    for (const [outer, hole] of [
      [square(100, 25, 1), square(100.25, 25.25, 0.5).reverse()], // GeoJSON order
      [square(100, 25, 1).reverse(), square(100.25, 25.25, 0.5)], // Shapefile order already
    ]) {
      const { shp } = writePolygonShapefile(
        [{ name: 'NAME', type: 'C' }],
        [{ polygons: [[outer as number[][], hole as number[][]]], values: { NAME: 'a' } }],
        new Date('2026-11-22T00:00:00Z'),
      )
      expect(ringAreas(shp).map(Math.sign)).toEqual([-1, 1]) // shoelace: < 0 clockwise
    }
  })

  it('keeps rings given in either orientation in their roles', async () => {
    const layer = await readBack([
      {
        polygons: [[square(100, 25, 1).reverse(), square(100.25, 25.25, 0.5)]],
        values: { NAME: 'a' },
      },
    ])
    expect(layer.geometries[0]).toMatch(/^POLYGON \(\(.*\),\(.*\)\)$/)
  })

  it('cuts text longer than 254 bytes on a character boundary and leaves empty values empty', async () => {
    const layer = await readBack([
      { polygons: [[square(100, 25, 1)]], values: { NAME: '网'.repeat(100), AREA: null } },
    ])
    expect(layer.features[0]?.NAME).toBe('网'.repeat(84)) // 84 × 3 bytes = 252
    expect(layer.features[0]?.AREA).toBe('(null)')
  })

  it('refuses a DBF field name longer than 10 characters', () => {
    expect(() =>
      writePolygonShapefile([{ name: 'MUCH_TOO_LONG', type: 'C' }], [], new Date()),
    ).toThrow(RangeError)
  })
})
