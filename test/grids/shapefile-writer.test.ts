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
