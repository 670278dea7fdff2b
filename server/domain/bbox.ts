// The box [west, south, east, north] around rings of positions; an empty one contains nothing.
export type Box = [number, number, number, number]

export function boxOfRings(rings: Iterable<readonly (readonly number[])[]>): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity]
  for (const ring of rings) {
    for (const [x = 0, y = 0] of ring) {
      box[0] = Math.min(box[0], x)
      box[1] = Math.min(box[1], y)
      box[2] = Math.max(box[2], x)
      box[3] = Math.max(box[3], y)
    }
  }
  return box
}
