// A polygon Shapefile (ESRI whitepaper, 1998): .shp and .shx (shape type 5), a dBASE III .dbf of
// text and number fields in UTF-8 (announced by the .cpg), and a WGS 84 .prj. Pure: data in, bytes out.

import { type Box, boxOfRings } from '../domain/bbox.ts'

export type Ring = [number, number][] | number[][]
/** One polygon: exterior ring, then holes (GeoJSON order and orientation). */
export type PolygonRings = Ring[]

export interface DbfField {
  name: string // ≤ 10 ASCII characters
  type: 'C' | 'N' // text, number
  decimals?: number // N only
}

export interface ShapeRecord {
  polygons: PolygonRings[] // a MultiPolygon's polygons
  values: Record<string, string | number | null>
}

export interface ShapefileParts {
  shp: Uint8Array
  shx: Uint8Array
  dbf: Uint8Array
  prj: string
  cpg: string
}

export const wgs84Prj =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],' +
  'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'

const polygonType = 5
const headerBytes = 100

export function writePolygonShapefile(
  fields: readonly DbfField[],
  records: readonly ShapeRecord[],
  now: Date,
): ShapefileParts {
  for (const f of fields) {
    if (!/^[A-Za-z][A-Za-z0-9_]{0,9}$/.test(f.name))
      throw new RangeError(`bad DBF field name ${f.name}`)
  }
  const contents = records.map((r) => polygonContent(r.polygons))
  const shpLength = headerBytes + contents.reduce((sum, c) => sum + 8 + c.byteLength, 0)
  const shp = new DataView(new ArrayBuffer(shpLength))
  const shx = new DataView(new ArrayBuffer(headerBytes + 8 * records.length))
  const box = totalBox(records)
  writeHeader(shp, shpLength, box)
  writeHeader(shx, shx.byteLength, box)
  let offset = headerBytes
  contents.forEach((content, i) => {
    shx.setInt32(headerBytes + 8 * i, offset / 2) // big-endian, in 16-bit words
    shx.setInt32(headerBytes + 8 * i + 4, content.byteLength / 2)
    shp.setInt32(offset, i + 1)
    shp.setInt32(offset + 4, content.byteLength / 2)
    new Uint8Array(shp.buffer).set(new Uint8Array(content), offset + 8)
    offset += 8 + content.byteLength
  })
  return {
    shp: new Uint8Array(shp.buffer),
    shx: new Uint8Array(shx.buffer),
    dbf: writeDbf(fields, records, now),
    prj: wgs84Prj,
    cpg: 'UTF-8',
  }
}

function writeHeader(view: DataView, byteLength: number, [xmin, ymin, xmax, ymax]: Box): void {
  view.setInt32(0, 9994) // file code, big-endian
  view.setInt32(24, byteLength / 2)
  view.setInt32(28, 1000, true) // version
  view.setInt32(32, polygonType, true)
  view.setFloat64(36, xmin, true)
  view.setFloat64(44, ymin, true)
  view.setFloat64(52, xmax, true)
  view.setFloat64(60, ymax, true)
}

function totalBox(records: readonly ShapeRecord[]): Box {
  const rings = records.flatMap((r) => r.polygons.flat())
  return rings.length > 0 ? boxOfRings(rings) : [0, 0, 0, 0]
}

// twice the signed area (shoelace): > 0 counter-clockwise, < 0 clockwise
function signedArea(ring: Ring): number {
  let sum = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x1 = 0, y1 = 0] = ring[j] as number[]
    const [x2 = 0, y2 = 0] = ring[i] as number[]
    sum += (x1 - x2) * (y1 + y2)
  }
  return sum
}

// Shapefile rings run clockwise for exteriors and counter-clockwise for holes (GeoJSON: the reverse)
function oriented(ring: Ring, clockwise: boolean): Ring {
  const isClockwise = signedArea(ring) < 0
  return isClockwise === clockwise ? ring : [...ring].reverse()
}

function polygonContent(polygons: readonly PolygonRings[]): ArrayBuffer {
  const rings = polygons.flatMap((rings) => rings.map((ring, i) => oriented(ring, i === 0)))
  const points = rings.reduce((sum, r) => sum + r.length, 0)
  const view = new DataView(new ArrayBuffer(44 + 4 * rings.length + 16 * points))
  const box = rings.length > 0 ? boxOfRings(rings) : ([0, 0, 0, 0] as Box)
  view.setInt32(0, polygonType, true)
  for (const [i, v] of box.entries()) view.setFloat64(4 + 8 * i, v, true)
  view.setInt32(36, rings.length, true)
  view.setInt32(40, points, true)
  let start = 0
  let at = 44 + 4 * rings.length
  rings.forEach((ring, i) => {
    view.setInt32(44 + 4 * i, start, true)
    start += ring.length
    for (const [x = 0, y = 0] of ring) {
      view.setFloat64(at, x, true)
      view.setFloat64(at + 8, y, true)
      at += 16
    }
  })
  return view.buffer
}

// ---- dBASE III ----------------------------------------------------------------------------

const encoder = new TextEncoder()
const maxText = 254 // bytes per C field

function formatValue(field: DbfField, value: string | number | null | undefined): string {
  if (value === null || value === undefined) return ''
  if (field.type === 'N') {
    return typeof value === 'number' && Number.isFinite(value)
      ? value.toFixed(field.decimals ?? 0)
      : ''
  }
  return String(value)
}

/** UTF-8 bytes cut to at most `max` without splitting a character. */
function textBytes(text: string, max: number): Uint8Array {
  const bytes = encoder.encode(text)
  if (bytes.length <= max) return bytes
  let end = max
  while (end > 0 && ((bytes[end] as number) & 0xc0) === 0x80) end--
  return bytes.subarray(0, end)
}

function writeDbf(
  fields: readonly DbfField[],
  records: readonly ShapeRecord[],
  now: Date,
): Uint8Array {
  const cells = records.map((r) =>
    fields.map((f) => textBytes(formatValue(f, r.values[f.name]), f.type === 'N' ? 20 : maxText)),
  )
  const widths = fields.map((f, i) =>
    Math.max(f.type === 'N' ? 10 : 1, ...cells.map((row) => (row[i] as Uint8Array).length)),
  )
  const headerLength = 32 + 32 * fields.length + 1
  const recordLength = 1 + widths.reduce((a, b) => a + b, 0)
  const bytes = new Uint8Array(headerLength + recordLength * records.length + 1)
  const view = new DataView(bytes.buffer)
  view.setUint8(0, 0x03) // dBASE III without memo
  view.setUint8(1, now.getUTCFullYear() - 1900)
  view.setUint8(2, now.getUTCMonth() + 1)
  view.setUint8(3, now.getUTCDate())
  view.setUint32(4, records.length, true)
  view.setUint16(8, headerLength, true)
  view.setUint16(10, recordLength, true)
  fields.forEach((f, i) => {
    const at = 32 + 32 * i
    bytes.set(encoder.encode(f.name), at)
    bytes[at + 11] = f.type.charCodeAt(0)
    bytes[at + 16] = widths[i] as number
    bytes[at + 17] = f.type === 'N' ? (f.decimals ?? 0) : 0
  })
  bytes[headerLength - 1] = 0x0d
  cells.forEach((row, r) => {
    let at = headerLength + recordLength * r
    bytes[at++] = 0x20 // not deleted
    row.forEach((cell, i) => {
      const width = widths[i] as number
      bytes.fill(0x20, at, at + width)
      // numbers are right-aligned, text left-aligned
      bytes.set(cell, fields[i]?.type === 'N' ? at + width - cell.length : at)
      at += width
    })
  })
  bytes[bytes.length - 1] = 0x1a
  return bytes
}
