// Serves MVT tiles of the tiled collections: issues cut from the live issue columns (density cells
// plus single issues, server-side at every zoom), the small layers cut by geojson-vt from the store.
// Encoded tiles are kept in memory under their ETag; a write moves the ETag only of the tiles it
// lands in (TileVersions), so everything else stays cached in the server and in the browser.

import { GeoJSONVT, type GeoJSONVTFeature } from '@maplibre/geojson-vt'
import { fromGeojsonVt } from '@maplibre/vt-pbf'
import { publicFeatureJson } from '../domain/personal-data.ts'
import type { LiveLedger } from '../live/live-ledger.ts'
import type { FeatureQuery } from '../ogc/feature-query.ts'
import type { Store } from '../storage/store.ts'
import { bufferedTileBbox, issueTile, issueTileDefaults } from './issue-tile.ts'
import { type TileAddress, tileExtent } from './tile-matrix.ts'
import { TileVersions } from './tile-versions.ts'

/** Collections served as tiles, with the MVT layers each tile holds. */
export const tiledCollections: Readonly<Record<string, readonly string[]>> = {
  issues: ['issues-density', 'issues'],
  checkpoints: ['checkpoints'],
  grids: ['grids'],
  townships: ['townships'],
  villages: ['villages'],
}

export interface TileQuery {
  query: FeatureQuery // the items filters; limit and offset are ignored
  key: string // the validated selection as text, for the cache
}

export interface TileResult {
  body: Uint8Array | undefined // undefined: an empty tile (204)
  etag: string
}

export interface TileServiceOptions {
  maxCachedBytes: number // encoded tiles kept in memory
  maxIndexes: number // geojson-vt indexes kept (one per collection, filter and data version)
  overdueClockMs: number // issue tiles say which issues are overdue: their ETag moves this often
}

export const tileServiceDefaults: TileServiceOptions = {
  maxCachedBytes: 64 << 20, // 64 MiB of tiles
  maxIndexes: 16, // indexes
  overdueClockMs: 60_000, // one minute
}

const mvtOptions = { version: 2, extent: tileExtent }
const maxSmallFeatures = 200_000 // features read into one geojson-vt index

export class TileService {
  readonly versions = new TileVersions()
  private readonly epoch = Date.now().toString(36) // a restart never reuses an ETag
  private readonly tiles = new Map<string, Uint8Array | undefined>() // LRU by insertion order
  private cachedBytes = 0
  private readonly indexes = new Map<string, GeoJSONVT>()
  private readonly options: TileServiceOptions
  private readonly store: Store
  private readonly live: LiveLedger
  private readonly now: () => Date

  constructor(
    store: Store,
    live: LiveLedger,
    now: () => Date,
    options: Partial<TileServiceOptions> = {},
  ) {
    this.store = store
    this.live = live
    this.now = now
    this.options = { ...tileServiceDefaults, ...options }
  }
  private watching = false
  private seenColumns: object | undefined // the columns the versions describe; a reload replaces them

  async tile(
    collectionId: string,
    tile: TileAddress,
    { query, key }: TileQuery,
  ): Promise<TileResult> {
    const { etag, build } =
      collectionId === 'issues'
        ? await this.issuePlan(tile, query)
        : await this.smallPlan(collectionId, tile, query, key)
    const cacheKey = `${collectionId}|${tile.z}/${tile.x}/${tile.y}|${key}|${etag}`
    if (this.tiles.has(cacheKey)) {
      const body = this.tiles.get(cacheKey)
      this.tiles.delete(cacheKey) // most recently used goes last
      this.tiles.set(cacheKey, body)
      return { body, etag }
    }
    const body = await build()
    this.remember(cacheKey, body)
    return { body, etag }
  }

  private async issuePlan(tile: TileAddress, query: FeatureQuery) {
    await this.live.ready
    // from the first issue tile on: writes before it cannot have stale tiles anywhere
    if (!this.watching) {
      this.watching = true
      this.seenColumns = this.live.columns
      watchIssueWrites(this.live, this.versions)
    }
    // as WallViews does: new columns mean a reload, even one whose reset has not been heard yet
    if (this.live.columns !== this.seenColumns) {
      this.seenColumns = this.live.columns
      this.versions.noteReset('issues')
    }
    const nowMs = this.now().getTime()
    const version = this.versions.versionOf(
      'issues',
      bufferedTileBbox(tile, issueTileDefaults.bufferUnits),
    )
    const clock = Math.floor(nowMs / this.options.overdueClockMs)
    return {
      etag: `"${this.epoch}-i${version}-${clock}"`,
      build: async () => {
        const cut = issueTile(this.live.columns, query, tile, nowMs)
        if (!cut) return undefined
        const layers: Record<string, { features: GeoJSONVTFeature[] }> = {
          'issues-density': { features: cut.density },
        }
        if (cut.issues) layers.issues = { features: cut.issues }
        return fromGeojsonVt(layers as never, mvtOptions)
      },
    }
  }

  private async smallPlan(
    collectionId: string,
    tile: TileAddress,
    query: FeatureQuery,
    key: string,
  ) {
    const stats = (await this.store.collectionStats()).get(collectionId)
    const grids = collectionId === 'grids' ? await this.store.gridsVersion() : 0
    const floor = this.versions.versionOf(collectionId, [-180, -90, 180, 90])
    const version = hash(`${JSON.stringify(stats ?? null)}|${grids}|${floor}`)
    return {
      etag: `"${this.epoch}-${collectionId}-${version}"`,
      build: async () => {
        const index = await this.index(collectionId, query, `${key}|${version}`)
        const cut = index.getTile(tile.z, tile.x, tile.y)
        if (!cut || cut.features.length === 0) return undefined
        return fromGeojsonVt({ [collectionId]: cut }, mvtOptions)
      },
    }
  }

  private async index(collectionId: string, query: FeatureQuery, key: string): Promise<GeoJSONVT> {
    const indexKey = `${collectionId}|${key}`
    const known = this.indexes.get(indexKey)
    if (known) return known
    const page = await this.store.features(collectionId, {
      ...query,
      limit: maxSmallFeatures,
      offset: 0,
      nowMs: this.now().getTime(),
    })
    // MVT ids are integers: the feature id travels as the `id` property instead. Tiles are cached
    // for every reader alike, so they carry nothing personal (domain/personal-data.ts)
    const features = page.features.map((text) => {
      const f = JSON.parse(publicFeatureJson(collectionId, text)) as {
        id?: string
        geometry: unknown
        properties: object | null
      }
      return { type: 'Feature', geometry: f.geometry, properties: { id: f.id, ...f.properties } }
    })
    const index = new GeoJSONVT({ type: 'FeatureCollection', features } as never, {
      maxZoom: 18, // detail kept to ≈ 0.6 m; deeper tiles are cut from it
      indexMaxZoom: 5,
      buffer: 64, // tile units: lines and labels join across tile edges
      extent: tileExtent,
      tolerance: 3, // simplification in tile units
    })
    this.indexes.set(indexKey, index)
    while (this.indexes.size > this.options.maxIndexes) {
      const oldest = this.indexes.keys().next().value as string
      this.indexes.delete(oldest)
    }
    return index
  }

  private remember(key: string, body: Uint8Array | undefined): void {
    this.tiles.set(key, body)
    this.cachedBytes += body?.byteLength ?? 0
    while (this.cachedBytes > this.options.maxCachedBytes && this.tiles.size > 1) {
      const [oldest, value] = this.tiles.entries().next().value as [string, Uint8Array | undefined]
      this.tiles.delete(oldest)
      this.cachedBytes -= value?.byteLength ?? 0
    }
  }
}

/**
 * Every issue write moves the versions of the tiles at the issue's position; a reload moves all.
 * The ledger's bus carries every event of the log, whichever process wrote it: LiveLedger follows
 * the store's change feed by seq and publishes each event once its columns hold it. An issue's
 * position is set when it is reported and never changes, so its current position is the write's.
 */
function watchIssueWrites(live: LiveLedger, versions: TileVersions): void {
  live.bus.subscribe((message) => {
    if (message.type === 'reset') {
      versions.noteReset('issues')
      return
    }
    // the columns already hold the written state when its event is published
    const row = live.columns.rowOf(message.event.issueId)
    const lng = row === -1 ? Number.NaN : (live.columns.lng[row] as number)
    const lat = row === -1 ? Number.NaN : (live.columns.lat[row] as number)
    if (Number.isNaN(lng) || Number.isNaN(lat)) versions.noteReset('issues')
    else versions.noteWrite('issues', [lng, lat, lng, lat])
  })
}

// FNV-1a, 32 bits, base 36: a short stable tag for a version text
function hash(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return (h >>> 0).toString(36)
}
