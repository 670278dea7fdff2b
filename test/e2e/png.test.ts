import { deflateSync } from 'node:zlib'
import { describe, expect, test } from 'vitest'
import { decodePng, diffShare, encodeRgbaPng, imageStats } from './png.ts'

/** Encodes RGB rows with the given PNG filter per row (0 none, 1 sub, 2 up, 3 average, 4 Paeth). */
function encodePng(width: number, rows: number[][], filters: number[]): Uint8Array {
  const stride = width * 3
  const raw: number[] = []
  rows.forEach((row, y) => {
    const filter = filters[y] ?? 0
    raw.push(filter)
    const prev = rows[y - 1]
    for (let x = 0; x < stride; x++) {
      const a = x >= 3 ? (row[x - 3] ?? 0) : 0
      const b = prev?.[x] ?? 0
      const c = prev && x >= 3 ? (prev[x - 3] ?? 0) : 0
      const p = a + b - c
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter] ?? 0
      raw.push(((row[x] ?? 0) - predictor) & 255)
    }
  })
  const chunk = (type: string, body: Uint8Array) => {
    const out = Buffer.alloc(12 + body.length)
    out.writeUInt32BE(body.length, 0)
    out.write(type, 4, 'ascii')
    Buffer.from(body).copy(out, 8)
    return out // CRC left zero: the reader does not check it
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(rows.length, 4)
  header[8] = 8
  header[9] = 2 // RGB
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from(raw))),
    chunk('IEND', new Uint8Array()),
  ])
}

const rows = [
  [10, 20, 30, 200, 100, 50],
  [11, 22, 33, 199, 98, 47],
  [0, 0, 0, 255, 255, 255],
  [50, 60, 70, 80, 90, 100],
  [5, 250, 5, 250, 5, 250],
]

describe('png reader', () => {
  test('decodes every scanline filter to the original pixels', () => {
    const image = decodePng(encodePng(2, rows, [0, 1, 2, 3, 4]))
    expect(image.width).toBe(2)
    expect(image.height).toBe(5)
    const rgb = [...image.data].filter((_, i) => i % 4 !== 3)
    expect(rgb).toEqual(rows.flat())
  })

  test('a flat image is all one colour; a varied one is not', () => {
    const flat = decodePng(encodePng(2, [[9, 9, 9, 9, 9, 9]], [0]))
    expect(imageStats(flat)).toMatchObject({ dominantShare: 1, distinctColors: 1 })
    expect(
      imageStats(decodePng(encodePng(2, rows, [0, 0, 0, 0, 0]))).distinctColors,
    ).toBeGreaterThan(5)
  })

  test('diffShare counts differing pixels in a region', () => {
    const a = decodePng(encodePng(2, [rows[0] as number[]], [0]))
    const b = decodePng(encodePng(2, [[10, 20, 30, 0, 0, 0]], [0]))
    expect(diffShare(a, b, { x: 0, y: 0, width: 2, height: 1 })).toBe(0.5)
  })

  test('rejects what is not a PNG', () => {
    expect(() => decodePng(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow('not a PNG')
  })
})

test('encodeRgbaPng writes a PNG that decodes to the same pixels', () => {
  const width = 5
  const height = 3
  const data = new Uint8Array(width * height * 4).map((_, i) => (i * 37) % 256)
  const decoded = decodePng(encodeRgbaPng({ width, height, data }))
  expect(decoded).toEqual({ width, height, data })
})
