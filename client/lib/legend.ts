// Legend vocabulary shared by the feature layers and the layer panel. Colours are RGBA 0–255,
// the same arrays deck.gl accessors return, so legend and map cannot drift apart.

export type Rgba = [r: number, g: number, b: number, a: number]

export type SwatchShape =
  | 'area' // light fill with an outline
  | 'line'
  | 'dashed'
  | 'square' // filled square: fixed checkpoints
  | 'ring' // hollow circle: random checkpoints
  | 'dot' // filled circle: issues, villages
  | 'gradient' // heatmap ramp

export interface LegendSwatch {
  label: string
  shape: SwatchShape
  color: Rgba
  colors?: readonly Rgba[] // gradient stops
  outline?: Rgba
}

/** `#rrggbb` → RGBA; alpha 0–255. */
export function hexToRgba(hex: string, alpha = 255): Rgba {
  const n = Number.parseInt(hex.replace('#', ''), 16)
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, alpha]
}

/** RGBA → CSS `rgba()`. */
export function toCssColor([r, g, b, a = 255]: Rgba): string {
  return `rgba(${r}, ${g}, ${b}, ${Math.round((a / 255) * 1000) / 1000})`
}
