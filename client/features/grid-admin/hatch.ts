// Diagonal hatching for unassigned grids, so they read as "nobody's" even in greyscale print: a
// fill pattern (MapLibre repeats it in screen space, so the lines stay a constant distance apart
// at every zoom). Pure.
import type { Rgba } from '../../lib/legend.ts'
import type { OverlayImage } from '../../map/style-overlay.ts'

/**
 * A square tile of 45° lines `spacingPx` apart (measured across them) and `widthPx` wide, in CSS px
 * at the given device pixel ratio. Seamless: a line leaving one edge enters the opposite one.
 */
export function hatchPattern(
  spacingPx: number,
  widthPx: number,
  [r, g, b]: Rgba,
  pixelRatio: number,
): OverlayImage {
  // across the lines they are `side / √2` apart, along an axis `side`
  const side = Math.max(2, Math.round(spacingPx * Math.SQRT2 * pixelRatio))
  const width = Math.min(side - 1, Math.max(1, Math.round(widthPx * Math.SQRT2 * pixelRatio)))
  const data = new Uint8Array(side * side * 4) // transparent, except the lines: opaque
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      if ((x + y) % side >= width) continue
      data.set([r, g, b, 255], (y * side + x) * 4)
    }
  }
  return { width: side, height: side, data, pixelRatio }
}
