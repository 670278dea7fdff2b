// The two shpjs 6 entry points we use (the package ships no types; @types/shpjs describes v3).
declare module 'shpjs' {
  import type { GeoJsonGeometry } from '../storage/store.ts'
  /** .shp bytes → one geometry per record; with no .prj, positions are left as stored. */
  export function parseShp(
    shp: Uint8Array | ArrayBuffer | DataView,
    prj?: string,
  ): (GeoJsonGeometry | null)[]
  /** .dbf bytes → one attribute record per row, text decoded with the given TextDecoder label. */
  export function parseDbf(
    dbf: Uint8Array | ArrayBuffer | DataView,
    encoding?: string,
  ): Record<string, unknown>[]
}
