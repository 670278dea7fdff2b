// Small tile archives written by the tests themselves: an MBTiles file (better-sqlite3, the TMS row
// order of the spec) and a PMTiles v3 file (a minimal writer of the spec: 127-byte header, one root
// directory, JSON metadata, tile data), so the readers are tested on bytes we know.

import { writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import Database from 'better-sqlite3'
import { zxyToTileId } from 'pmtiles'

export interface FixtureTile {
  z: number
  x: number
  y: number // XYZ, y down
  data: Uint8Array
}

/** An MBTiles file; `format` goes into the metadata table (png, jpg, webp, pbf). */
export function writeMbtiles(
  file: string,
  format: string,
  tiles: FixtureTile[],
  metadata: Record<string, string> = {},
): void {
  const db = new Database(file)
  db.exec(`CREATE TABLE metadata (name TEXT, value TEXT);
    CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);
    CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);`)
  const meta = db.prepare('INSERT INTO metadata VALUES (?, ?)')
  for (const [name, value] of Object.entries({ name: 'fixture', format, ...metadata }))
    meta.run(name, value)
  const insert = db.prepare('INSERT INTO tiles VALUES (?, ?, ?, ?)')
  for (const t of tiles) insert.run(t.z, t.x, 2 ** t.z - 1 - t.y, Buffer.from(t.data)) // TMS row
  db.close()
}

/** PMTiles tile types and compressions, as numbered by the spec. */
export const pmtilesTileType = { mvt: 1, png: 2 } as const

/** A PMTiles v3 file; tiles are stored gzip-compressed when `gzipTiles` (as vector archives are). */
export function writePmtiles(
  file: string,
  tileType: number,
  tiles: FixtureTile[],
  { gzipTiles = false, metadata = {} as object } = {},
): void {
  const entries = tiles
    .map((t) => ({ id: zxyToTileId(t.z, t.x, t.y), data: gzipTiles ? gzipSync(t.data) : t.data }))
    .sort((a, b) => a.id - b.id)
  const directory = serializeDirectory(entries)
  const metadataBytes = new TextEncoder().encode(JSON.stringify(metadata))
  const tileData = Buffer.concat(entries.map((e) => e.data))
  const headerLength = 127
  const rootOffset = headerLength
  const metadataOffset = rootOffset + directory.length
  const tileDataOffset = metadataOffset + metadataBytes.length
  const header = new DataView(new ArrayBuffer(headerLength))
  new Uint8Array(header.buffer).set(new TextEncoder().encode('PMTiles'), 0)
  header.setUint8(7, 3) // spec version
  const u64 = (at: number, value: number) => header.setBigUint64(at, BigInt(value), true)
  u64(8, rootOffset)
  u64(16, directory.length)
  u64(24, metadataOffset)
  u64(32, metadataBytes.length)
  u64(40, tileDataOffset + tileData.length) // no leaf directories
  u64(48, 0)
  u64(56, tileDataOffset)
  u64(64, tileData.length)
  u64(72, entries.length) // addressed tiles
  u64(80, entries.length) // tile entries
  u64(88, entries.length) // tile contents
  header.setUint8(96, 1) // clustered: tile data in tile-id order
  header.setUint8(97, 1) // internal compression: none
  header.setUint8(98, gzipTiles ? 2 : 1) // tile compression: gzip or none
  header.setUint8(99, tileType)
  const zooms = tiles.map((t) => t.z)
  header.setUint8(100, Math.min(...zooms))
  header.setUint8(101, Math.max(...zooms))
  const e7 = (at: number, deg: number) => header.setInt32(at, Math.round(deg * 1e7), true)
  e7(102, -180)
  e7(106, -85)
  e7(110, 180)
  e7(114, 85)
  header.setUint8(118, Math.min(...zooms))
  e7(119, 0)
  e7(123, 0)
  writeFileSync(
    file,
    Buffer.concat([new Uint8Array(header.buffer), directory, metadataBytes, tileData]),
  )
}

// spec §4: count, then id deltas, run lengths, lengths, offsets (0 = right after the previous)
function serializeDirectory(entries: { id: number; data: Uint8Array }[]): Uint8Array {
  const bytes: number[] = []
  const varint = (value: number) => {
    let v = value
    while (v >= 0x80) {
      bytes.push((v & 0x7f) | 0x80)
      v = Math.floor(v / 128)
    }
    bytes.push(v)
  }
  varint(entries.length)
  let last = 0
  for (const e of entries) {
    varint(e.id - last)
    last = e.id
  }
  for (const _ of entries) varint(1)
  for (const e of entries) varint(e.data.length)
  entries.forEach((_entry, i) => {
    varint(i === 0 ? 1 : 0) // first: offset 0 + 1; then contiguous
  })
  return new Uint8Array(bytes)
}
