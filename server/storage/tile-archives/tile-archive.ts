// A tile archive on disk (the county's own MBTiles or PMTiles file), read only. One interface, two
// readers (mbtiles.ts, pmtiles.ts), picked by open-tile-archive.ts from the file extension.
export const tileFormats = ['png', 'jpg', 'webp', 'pbf'] as const
export type TileFormat = (typeof tileFormats)[number]

export const tileContentTypes: Record<TileFormat, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  pbf: 'application/vnd.mapbox-vector-tile',
}

export interface ArchiveInfo {
  format: TileFormat
  minzoom: number
  maxzoom: number
  layers: string[] // vector: source-layer names from the archive's metadata; raster: []
}

export interface ArchiveTile {
  data: Uint8Array // as stored; for pbf possibly gzip-compressed
  gzip: boolean // data is gzip: sent with Content-Encoding: gzip
}

export interface TileArchive {
  info: ArchiveInfo
  /** The tile at XYZ (y down, as on the web); undefined where the archive has none. */
  tile(z: number, x: number, y: number): Promise<ArchiveTile | undefined>
  close(): void
}

export function isGzip(data: Uint8Array): boolean {
  return data[0] === 0x1f && data[1] === 0x8b
}

/** A metadata `format` / tile type as one of ours; throws on anything else. */
export function toTileFormat(value: string): TileFormat {
  const format = value
    .toLowerCase()
    .replace(/^jpeg$/, 'jpg')
    .replace(/^mvt$/, 'pbf')
  if ((tileFormats as readonly string[]).includes(format)) return format as TileFormat
  throw new Error(`不支持的瓦片格式 ${value}（支持 png、jpg、webp、pbf）`)
}
