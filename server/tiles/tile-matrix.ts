// The WebMercatorQuad tile matrix set (OGC 2D Tile Matrix Set 2.0, EPSG:3857, 256 px tiles) and the
// arithmetic between tiles, longitude/latitude and tile-local MVT coordinates. Pure.
import type { Bbox } from '../ogc/feature-query.ts'

export const tileMatrixSetId = 'WebMercatorQuad'
export const maxTileZoom = 24 // deepest level served; a 24 tile is ≈ 2.4 m at the equator
export const tileExtent = 4096 // MVT integer units per tile side (MVT 2.1 default)

const originMeters = 20037508.3427892 // half the EPSG:3857 world width
const maxLat = 85.0511287798066 // latitude where WebMercatorQuad's square world ends

export interface TileAddress {
  z: number
  x: number // column, west → east
  y: number // row, north → south (OGC tileRow)
}

/** The lng/lat box of a tile, [west, south, east, north]. */
export function tileBbox({ z, x, y }: TileAddress): Bbox {
  const n = 2 ** z
  return [(x / n) * 360 - 180, rowToLat(y + 1, n), ((x + 1) / n) * 360 - 180, rowToLat(y, n)]
}

function rowToLat(row: number, n: number): number {
  return (Math.atan(Math.sinh(Math.PI * (1 - (2 * row) / n))) * 180) / Math.PI
}

/** World position in [0, 1) × [0, 1) (x east, y south) of a longitude and latitude. */
export function toWorld(lng: number, lat: number): [x: number, y: number] {
  const clamped = Math.max(-maxLat, Math.min(maxLat, lat))
  const sin = Math.sin((clamped * Math.PI) / 180)
  const y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI
  return [lng / 360 + 0.5, y]
}

/** The tile at zoom z holding a longitude and latitude. */
export function tileAt(lng: number, lat: number, z: number): TileAddress {
  const n = 2 ** z
  const [wx, wy] = toWorld(lng, lat)
  const clamp = (v: number) => Math.min(n - 1, Math.max(0, Math.floor(v * n)))
  return { z, x: clamp(wx), y: clamp(wy) }
}

/** The OGC API – Tiles description of WebMercatorQuad, levels 0 to maxTileZoom. */
export function webMercatorQuad(): object {
  const tileMatrices = Array.from({ length: maxTileZoom + 1 }, (_, z) => {
    const n = 2 ** z
    const cellSize = (2 * originMeters) / (256 * n) // metres per pixel
    return {
      id: String(z),
      scaleDenominator: cellSize / 0.00028, // OGC standard pixel 0.28 mm
      cellSize,
      cornerOfOrigin: 'topLeft',
      pointOfOrigin: [-originMeters, originMeters],
      tileWidth: 256,
      tileHeight: 256,
      matrixWidth: n,
      matrixHeight: n,
    }
  })
  return {
    id: tileMatrixSetId,
    title: 'Google Maps Compatible for the World',
    uri: 'http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad',
    crs: 'http://www.opengis.net/def/crs/EPSG/0/3857',
    orderedAxes: ['X', 'Y'],
    wellKnownScaleSet: 'http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible',
    tileMatrices,
  }
}
