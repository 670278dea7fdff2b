// Decodes an MVT with @mapbox/vector-tile (not our encoder) into plain layers for assertions and goldens.
import { VectorTile } from '@mapbox/vector-tile'
import { PbfReader } from 'pbf'

export interface DecodedFeature {
  type: number // 1 point, 2 line, 3 polygon
  properties: Record<string, unknown>
  geometry: { x: number; y: number }[][] // tile units
}

export type DecodedTile = Record<string, { extent: number; features: DecodedFeature[] }>

export function decodeTile(bytes: Uint8Array): DecodedTile {
  const tile = new VectorTile(new PbfReader(bytes))
  const out: DecodedTile = {}
  for (const [name, layer] of Object.entries(tile.layers)) {
    const features: DecodedFeature[] = []
    for (let i = 0; i < layer.length; i++) {
      const f = layer.feature(i)
      features.push({
        type: f.type,
        properties: { ...f.properties },
        geometry: f.loadGeometry().map((ring) => ring.map((p) => ({ x: p.x, y: p.y }))),
      })
    }
    out[name] = { extent: layer.extent, features }
  }
  return out
}
