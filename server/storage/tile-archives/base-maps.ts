// The configured base maps, opened: tile services pass through as URL templates; each MBTiles /
// PMTiles file is opened once here (a missing or unreadable file stops the server at start) and
// served by http/routes/basemaps.ts. `describe` is what the client's base-map switcher receives.
import { type BaseMapConfig, tileOrigins } from '../../config/base-maps.ts'
import { openTileArchive } from './open-tile-archive.ts'
import type { TileArchive } from './tile-archive.ts'

/** One entry of GET /api/basemaps. */
export interface BaseMapSource {
  id: string
  name: string // 中文名称, shown in the switcher
  type: 'raster' | 'vector'
  tiles: string // XYZ template, absolute URL
  tileSize: number // px
  minzoom: number
  maxzoom: number
  attribution: string
  layers: string[] // vector: source-layer names to draw; raster: []
}

export interface BaseMaps {
  origins: string[] // where the browser loads the tile services' tiles from (the CSP allows them)
  archives: ReadonlyMap<string, TileArchive>
  /** The client's list; archive tiles under `apiBase` (e.g. https://host/prefix). */
  describe(apiBase: string): BaseMapSource[]
  close(): void
}

export const noBaseMaps: BaseMaps = {
  origins: [],
  archives: new Map(),
  describe: () => [],
  close: () => {},
}

export async function openBaseMaps(list: readonly BaseMapConfig[]): Promise<BaseMaps> {
  const archives = new Map<string, TileArchive>()
  try {
    for (const b of list) if (b.kind === 'file') archives.set(b.id, await openTileArchive(b.file))
  } catch (e) {
    for (const archive of archives.values()) archive.close()
    throw e
  }
  return {
    origins: tileOrigins(list),
    archives,
    describe: (apiBase) =>
      list.map((b) => {
        const common = {
          id: b.id,
          name: b.name,
          tileSize: b.tileSize,
          attribution: b.attribution,
        }
        if (b.kind === 'url') {
          return {
            ...common,
            type: b.type,
            tiles: b.tiles,
            minzoom: b.minzoom,
            maxzoom: b.maxzoom,
            layers: b.layers ?? [],
          }
        }
        const info = (archives.get(b.id) as TileArchive).info
        return {
          ...common,
          type: info.format === 'pbf' ? 'vector' : 'raster',
          tiles: `${apiBase}/api/basemaps/${b.id}/{z}/{x}/{y}`,
          // the archive's zooms bound the configured ones: MapLibre over-zooms past maxzoom
          minzoom: Math.max(b.minzoom, info.minzoom),
          maxzoom: Math.min(b.maxzoom, info.maxzoom),
          layers: b.layers ?? info.layers,
        }
      }),
    close: () => {
      for (const archive of archives.values()) archive.close()
    },
  }
}
