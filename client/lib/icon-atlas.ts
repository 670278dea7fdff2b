// Icons side by side in one SVG data URL and deck.gl's IconLayer mapping for it: no canvas, so
// the atlas is testable in Node. Pure.

export interface IconCell {
  x: number
  y: number
  width: number
  height: number
  mask: boolean
}

/** `icons`: name and SVG markup of one `px`-square icon drawn at the origin, in atlas order. */
export function svgIconAtlas<K extends string>(
  icons: readonly (readonly [K, string])[],
  px: number,
): { url: string; mapping: Record<K, IconCell> } {
  const cells = icons
    .map(([, markup], i) => `<g transform="translate(${i * px} 0)">${markup}</g>`)
    .join('')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${px * icons.length}" height="${px}">${cells}</svg>`
  const mapping = {} as Record<K, IconCell>
  icons.forEach(([name], i) => {
    mapping[name] = { x: i * px, y: 0, width: px, height: px, mask: false }
  })
  return { url: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`, mapping }
}
