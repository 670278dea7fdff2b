// Grid shapes and the refusal of an edit, shared by the grid edits (split, merge, reshape) and the
// tiling check. GeoJSON, WGS84 [lng, lat].
import type { MultiPolygon, Polygon } from 'geojson'

export type GridGeometry = Polygon | MultiPolygon

export interface GridShape {
  code: string
  geometry: GridGeometry
}

export type GridEditErrorCode =
  | 'line-does-not-cross'
  | 'not-adjacent'
  | 'different-townships'
  | 'too-few'
  | 'invalid-geometry'
  | 'swallows-grid'
  | 'leaves-gap'
  | 'outside-township'
  | 'tiling'
  | 'codes-exhausted'

/** An edit that cannot be made; `message` is plain Chinese, shown to the user as-is. */
export class GridEditError extends Error {
  readonly code: GridEditErrorCode
  constructor(code: GridEditErrorCode, message: string) {
    super(message)
    this.name = 'GridEditError'
    this.code = code
  }
}
