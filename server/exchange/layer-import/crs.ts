// Coordinate reference systems a county's GIS office hands over: WGS84 and CGCS2000 geographic, and
// CGCS2000 Gauss–Krüger (3° and 6° zones, with and without the zone number in the false easting).
// Named by EPSG code from a .prj, a GeoPackage's gpkg_spatial_ref_sys or a GeoJSON `crs` member;
// reprojected to WGS84 with proj4. CGCS2000 and WGS84 differ by well under 1 m, so the datum shift
// is none (GRS80 and WGS84 ellipsoids).
import proj4 from 'proj4'
import { InvalidFile } from '../import-error.ts'

export type Transform = (xy: number[]) => number[]

export interface Crs {
  epsg: number
  name: string // Chinese, for the report
  /** undefined: already longitude/latitude */
  toWgs84?: Transform
}

function gaussKruger(
  epsg: number,
  centralMeridian: number,
  falseEasting: number,
  name: string,
): Crs {
  const def = `+proj=tmerc +lat_0=0 +lon_0=${centralMeridian} +k=1 +x_0=${falseEasting} +y_0=0 +ellps=GRS80 +units=m +no_defs`
  const converter = proj4(def, 'WGS84')
  return { epsg, name, toWgs84: ([x = Number.NaN, y = Number.NaN]) => converter.forward([x, y]) }
}

/** The supported EPSG codes → their definition; undefined for any other code. */
export function crsFromEpsg(epsg: number): Crs | undefined {
  if (epsg === 4326) return { epsg, name: 'WGS84 经纬度（EPSG:4326）' }
  if (epsg === 4490) return { epsg, name: 'CGCS2000 经纬度（EPSG:4490）' }
  if (epsg >= 4491 && epsg <= 4501) {
    const zone = epsg - 4491 + 13 // 6° zone 13 (CM 75°E) … 23 (CM 135°E)
    const cm = zone * 6 - 3
    return gaussKruger(epsg, cm, zone * 1e6 + 500_000, `CGCS2000 6度带 第${zone}带（EPSG:${epsg}）`)
  }
  if (epsg >= 4502 && epsg <= 4512) {
    const cm = 75 + (epsg - 4502) * 6
    return gaussKruger(epsg, cm, 500_000, `CGCS2000 6度带 中央经线${cm}°E（EPSG:${epsg}）`)
  }
  if (epsg >= 4513 && epsg <= 4533) {
    const zone = epsg - 4513 + 25 // 3° zone 25 (CM 75°E) … 45 (CM 135°E)
    return gaussKruger(
      epsg,
      zone * 3,
      zone * 1e6 + 500_000,
      `CGCS2000 3度带 第${zone}带（EPSG:${epsg}）`,
    )
  }
  if (epsg >= 4534 && epsg <= 4554) {
    const cm = 75 + (epsg - 4534) * 3
    return gaussKruger(epsg, cm, 500_000, `CGCS2000 3度带 中央经线${cm}°E（EPSG:${epsg}）`)
  }
  return undefined
}

/** `EPSG:4547`, `urn:ogc:def:crs:EPSG::4547`, `OGC:CRS84` → the CRS; undefined when not recognised. */
export function crsFromName(name: string): Crs | undefined {
  if (/CRS84$/i.test(name)) return crsFromEpsg(4326)
  const code = /EPSG:{1,2}(?:[\d.]*:)?(\d{4,5})$/i.exec(name.trim())?.[1]
  return code ? crsFromEpsg(Number(code)) : undefined
}

const number = (wkt: string, parameter: string): number | undefined => {
  const match = new RegExp(`PARAMETER\\["${parameter}",\\s*([-\\d.eE+]+)`, 'i').exec(wkt)
  return match ? Number(match[1]) : undefined
}

/**
 * A WKT (a .prj, a GeoPackage srs definition) → the CRS. Reads an EPSG authority first, then the
 * ESRI names GDAL writes (`CGCS2000_3_Degree_GK_CM_114E`), then a Gauss–Krüger / transverse
 * Mercator on CGCS2000 or WGS84 by its parameters.
 */
export function crsFromWkt(wkt: string): Crs | undefined {
  const text = wkt.replace(/\s+/g, ' ')
  // WKT1 puts the outer object's authority last
  const authorities = [...text.matchAll(/AUTHORITY\["EPSG",\s*"?(\d+)"?\]/gi)]
  const outer = authorities.at(-1)?.[1]
  if (outer) {
    const crs = crsFromEpsg(Number(outer))
    if (crs) return crs
  }
  const id = /ID\["EPSG",\s*(\d+)\]\s*\]\s*$/i.exec(text)?.[1] // WKT2
  if (id && crsFromEpsg(Number(id))) return crsFromEpsg(Number(id))
  const cgcs = /CGCS[ _]?2000|China[ _]Geodetic[ _]Coordinate[ _]System[ _]2000/i.test(text)
  const wgs84 = /WGS[ _]?(19)?84/i.test(text)
  if (!/^\s*PROJCS|^\s*PROJCRS/i.test(text)) {
    if (!/^\s*GEOGCS|^\s*GEOGCRS|^\s*GEODCRS/i.test(text)) return undefined
    if (cgcs) return crsFromEpsg(4490)
    if (wgs84) return crsFromEpsg(4326)
    return undefined
  }
  if (!cgcs && !wgs84) return undefined
  if (!/Gauss|Transverse_Mercator|Transverse Mercator/i.test(text)) return undefined
  const cm = number(text, 'central_meridian') ?? number(text, 'Longitude of natural origin')
  const x0 = number(text, 'false_easting') ?? number(text, 'False easting') ?? 0
  const k = number(text, 'scale_factor') ?? number(text, 'Scale factor at natural origin') ?? 1
  const lat0 = number(text, 'latitude_of_origin') ?? number(text, 'Latitude of natural origin') ?? 0
  const y0 = number(text, 'false_northing') ?? number(text, 'False northing') ?? 0
  if (cm === undefined || k !== 1 || lat0 !== 0 || y0 !== 0) return undefined
  // the EPSG code whose central meridian and false easting match, for the report's name
  for (let code = 4491; code <= 4554; code++) {
    const probe = epsgParameters(code)
    if (probe.cm === cm && probe.x0 === x0) return crsFromEpsg(code)
  }
  return gaussKruger(0, cm, x0, `高斯-克吕格投影 中央经线${cm}°E`)
}

function epsgParameters(code: number): { cm: number; x0: number } {
  if (code <= 4501)
    return { cm: (code - 4491 + 13) * 6 - 3, x0: (code - 4491 + 13) * 1e6 + 500_000 }
  if (code <= 4512) return { cm: 75 + (code - 4502) * 6, x0: 500_000 }
  if (code <= 4533) return { cm: (code - 4513 + 25) * 3, x0: (code - 4513 + 25) * 1e6 + 500_000 }
  return { cm: 75 + (code - 4534) * 3, x0: 500_000 }
}

/** The refusal for a CRS we cannot read, naming the file and what to do. */
export function unknownCrs(fileName: string, what: string): InvalidFile {
  return new InvalidFile(
    `无法识别“${fileName}”的坐标系（${what}）：支持 WGS84、CGCS2000 经纬度及 CGCS2000 高斯-克吕格 3 度带/6 度带投影（EPSG:4326、4490、4491–4554）；请在 GIS 软件中转换为其中之一后再上传`,
  )
}
