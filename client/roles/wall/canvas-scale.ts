// The wall is laid out on a 1920×1080 design canvas. It is scaled to the screen by the root font
// size (1 rem = 16 design px), not a CSS transform, so the map and chart canvases get the screen's
// real pixels and stay sharp at 3840×2160. Pure.

export const designSize = { width: 1920, height: 1080 } as const
export const designRemPx = 16 // design px per rem

export interface CanvasFit {
  scale: number // screen px per design px
  width: number // canvas size on screen, px
  height: number
  left: number // letterbox offsets when the screen's aspect is not 16:9
  top: number
  rootFontPx: number // the html font size that makes 1 rem = designRemPx design px
}

const minScale = 0.25 // a tiny window still lays out; nobody reads it at that size

/** Fits the design canvas inside the viewport, keeping its aspect and centring it. */
export function fitCanvas(viewportWidth: number, viewportHeight: number): CanvasFit {
  const w = Number.isFinite(viewportWidth) && viewportWidth > 0 ? viewportWidth : designSize.width
  const h =
    Number.isFinite(viewportHeight) && viewportHeight > 0 ? viewportHeight : designSize.height
  const scale = Math.max(minScale, Math.min(w / designSize.width, h / designSize.height))
  const width = designSize.width * scale
  const height = designSize.height * scale
  return {
    scale,
    width,
    height,
    left: Math.max(0, (w - width) / 2),
    top: Math.max(0, (h - height) / 2),
    rootFontPx: designRemPx * scale,
  }
}

/** Design px → rem, for inline styles. */
export function rem(designPx: number): string {
  return `${designPx / designRemPx}rem`
}

/** The on-screen size of a design size: 14 design px at 3840×2160 is 28 px. */
export function screenPx(designPx: number, fit: Pick<CanvasFit, 'scale'>): number {
  return designPx * fit.scale
}
