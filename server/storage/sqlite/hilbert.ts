// Position on a Hilbert curve: inserting R*Tree entries in this order packs nearby features into
// the same tree nodes, so a bbox query reads few nodes (flatbush sorts the same way). Pure.

/** Index of cell (x, y) on the Hilbert curve filling a 2^order × 2^order grid. */
export function hilbertIndex(x: number, y: number, order = 16): number {
  let d = 0
  for (let s = 2 ** (order - 1); s >= 1; s /= 2) {
    const rx = x & s ? 1 : 0
    const ry = y & s ? 1 : 0
    d += s * s * ((3 * rx) ^ ry)
    if (ry === 0) {
      if (rx === 1) {
        x = s - 1 - x
        y = s - 1 - y
      }
      const swap = x
      x = y
      y = swap
    }
  }
  return d
}
