// The CRS a county's file names → WGS84, checked against GDAL's own transformation (gdaltransform)
// for each family: CGCS2000 3° and 6° Gauss–Krüger with and without the zone in the false easting,
// named by EPSG code, by GDAL's WKT (with authority) and by the ESRI .prj names GDAL writes.
import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { crsFromEpsg, crsFromName, crsFromWkt } from '../../server/exchange/layer-import/crs.ts'

const hasGdal = (() => {
  try {
    execFileSync('gdaltransform', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

const gdal = (epsg: number, [lng, lat]: [number, number]): [number, number] => {
  const out = execFileSync(
    'gdaltransform',
    ['-s_srs', 'EPSG:4326', '-t_srs', `EPSG:${epsg}`, '-output_xy'],
    { input: `${lng} ${lat}\n` },
  )
  const [x = 0, y = 0] = out.toString().trim().split(/\s+/).map(Number)
  return [x, y]
}

const changge: [number, number] = [113.8, 34.2] // 长葛市
const cases: [number, string][] = [
  [4547, '3° CM 114°E, no zone prefix'],
  [4526, '3° zone 38 (CM 114°E), zone prefix'],
  [4508, '6° CM 111°E, no zone prefix'],
  [4498, '6° zone 19 (CM 111°E), zone prefix'],
]

describe.skipIf(!hasGdal)('CGCS2000 Gauss–Krüger → WGS84 matches GDAL', () => {
  it.each(cases)('EPSG:%i (%s), by code, by GDAL WKT and by ESRI .prj', (epsg) => {
    const xy = gdal(epsg, changge)
    const wkt1 = execFileSync('gdalsrsinfo', ['-o', 'wkt1', `EPSG:${epsg}`]).toString()
    const esri = execFileSync('gdalsrsinfo', ['-o', 'wkt_esri', `EPSG:${epsg}`]).toString()
    for (const crs of [crsFromEpsg(epsg), crsFromWkt(wkt1), crsFromWkt(esri)]) {
      expect(crs?.epsg).toBe(epsg)
      const [lng = 0, lat = 0] = crs?.toWgs84?.(xy) ?? []
      expect(Math.abs(lng - changge[0])).toBeLessThan(1e-7) // ≈ 1 cm
      expect(Math.abs(lat - changge[1])).toBeLessThan(1e-7)
    }
  })
})

describe('CRS names', () => {
  it('reads GeoJSON crs members and geographic systems', () => {
    expect(crsFromName('urn:ogc:def:crs:EPSG::4547')?.epsg).toBe(4547)
    expect(crsFromName('EPSG:4490')?.toWgs84).toBeUndefined()
    expect(crsFromName('urn:ogc:def:crs:OGC:1.3:CRS84')?.epsg).toBe(4326)
    expect(crsFromName('EPSG:3857')).toBeUndefined() // Web Mercator: refused, not guessed
  })

  it('recognises geographic CGCS2000 and WGS84 WKT, and nothing else', () => {
    expect(
      crsFromWkt('GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000"]]')?.epsg,
    ).toBe(4490)
    expect(crsFromWkt('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984"]]')?.epsg).toBe(4326)
    expect(crsFromWkt('GEOGCS["Xian 1980",DATUM["Xian_1980"]]')).toBeUndefined()
    expect(
      crsFromWkt('PROJCS["Beijing_1954_3_Degree_GK_CM_114E",GEOGCS["GCS_Beijing_1954"]]'),
    ).toBeUndefined()
  })
})
