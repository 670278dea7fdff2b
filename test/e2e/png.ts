// A tiny PNG reader for screenshot checks (8-bit greyscale, RGB or RGBA, not interlaced: what
// Chromium writes) and the pixel statistics the e2e test asserts on. No dependencies.
import { crc32, deflateSync, inflateSync } from 'node:zlib'

export interface Image {
  width: number
  height: number
  data: Uint8Array // RGBA, row-major
}

const signature = [137, 80, 78, 71, 13, 10, 26, 10]
const channelsByColorType: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 }

export function decodePng(png: Uint8Array): Image {
  if (!signature.every((byte, i) => png[i] === byte)) throw new Error('not a PNG')
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength)
  let offset = 8
  let width = 0
  let height = 0
  let channels = 0
  const idat: Uint8Array[] = []
  while (offset < png.length) {
    const length = view.getUint32(offset)
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8))
    const body = png.subarray(offset + 8, offset + 8 + length)
    if (type === 'IHDR') {
      const header = new DataView(body.buffer, body.byteOffset, body.byteLength)
      width = header.getUint32(0)
      height = header.getUint32(4)
      const bitDepth = body[8]
      channels = channelsByColorType[body[9] ?? -1] ?? 0
      if (bitDepth !== 8 || !channels || body[12] !== 0) {
        throw new Error(
          `unsupported PNG: depth ${bitDepth}, colour type ${body[9]}, interlace ${body[12]}`,
        )
      }
    } else if (type === 'IDAT') {
      idat.push(body)
    } else if (type === 'IEND') {
      break
    }
    offset += 12 + length
  }
  const raw = inflateSync(Buffer.concat(idat))
  const stride = width * channels
  const pixels = new Uint8Array(stride * height)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1))
    const out = pixels.subarray(y * stride, (y + 1) * stride)
    const prev = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : undefined
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? (out[x - channels] ?? 0) : 0
      const b = prev ? (prev[x] ?? 0) : 0
      const c = prev && x >= channels ? (prev[x - channels] ?? 0) : 0
      const value = line[x] ?? 0
      out[x] = (value + unfilter(filter ?? 0, a, b, c)) & 255
    }
  }
  return { width, height, data: toRgba(pixels, channels) }
}

function unfilter(filter: number, a: number, b: number, c: number): number {
  switch (filter) {
    case 0:
      return 0
    case 1:
      return a
    case 2:
      return b
    case 3:
      return (a + b) >> 1
    case 4: {
      const p = a + b - c
      const pa = Math.abs(p - a)
      const pb = Math.abs(p - b)
      const pc = Math.abs(p - c)
      return pa <= pb && pa <= pc ? a : pb <= pc ? b : c
    }
    default:
      throw new Error(`bad PNG filter ${filter}`)
  }
}

function toRgba(pixels: Uint8Array, channels: number): Uint8Array {
  if (channels === 4) return pixels
  const n = pixels.length / channels
  const rgba = new Uint8Array(n * 4)
  for (let i = 0; i < n; i++) {
    const p = pixels.subarray(i * channels, (i + 1) * channels)
    const grey = channels <= 2
    rgba[i * 4] = p[0] ?? 0
    rgba[i * 4 + 1] = grey ? (p[0] ?? 0) : (p[1] ?? 0)
    rgba[i * 4 + 2] = grey ? (p[0] ?? 0) : (p[2] ?? 0)
    rgba[i * 4 + 3] = channels === 2 ? (p[1] ?? 255) : channels === 4 ? (p[3] ?? 255) : 255
  }
  return rgba
}

export interface Region {
  x: number
  y: number
  width: number
  height: number
}

export interface ImageStats {
  dominantShare: number // share of pixels with the most common colour (1 = a flat image)
  distinctColors: number // after quantising to 5 bits per channel
  meanLuma: number // 0–255
}

/** How much is going on in an image (or a region of it). */
export function imageStats(image: Image, region?: Region): ImageStats {
  const r = region ?? { x: 0, y: 0, width: image.width, height: image.height }
  const counts = new Map<number, number>()
  let luma = 0
  let n = 0
  for (let y = r.y; y < r.y + r.height; y++) {
    for (let x = r.x; x < r.x + r.width; x++) {
      const i = (y * image.width + x) * 4
      const red = image.data[i] ?? 0
      const green = image.data[i + 1] ?? 0
      const blue = image.data[i + 2] ?? 0
      const key = ((red >> 3) << 10) | ((green >> 3) << 5) | (blue >> 3)
      counts.set(key, (counts.get(key) ?? 0) + 1)
      luma += 0.299 * red + 0.587 * green + 0.114 * blue
      n++
    }
  }
  const top = Math.max(0, ...counts.values())
  return { dominantShare: n ? top / n : 1, distinctColors: counts.size, meanLuma: n ? luma / n : 0 }
}

/** Share of pixels in a region whose colour differs by more than `tolerance` in any channel. */
export function diffShare(a: Image, b: Image, region: Region, tolerance = 24): number {
  if (a.width !== b.width || a.height !== b.height) return 1
  let differing = 0
  for (let y = region.y; y < region.y + region.height; y++) {
    for (let x = region.x; x < region.x + region.width; x++) {
      const i = (y * a.width + x) * 4
      for (let c = 0; c < 3; c++) {
        if (Math.abs((a.data[i + c] ?? 0) - (b.data[i + c] ?? 0)) > tolerance) {
          differing++
          break
        }
      }
    }
  }
  return differing / (region.width * region.height)
}

/** Encodes RGBA pixels as an 8-bit RGBA PNG (filter 0, CRCs included): test photos to upload. */
export function encodeRgbaPng(image: Image): Uint8Array {
  const { width, height, data } = image
  const raw = new Uint8Array(height * (width * 4 + 1))
  for (let y = 0; y < height; y++) {
    raw.set(data.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1)
  }
  const header = new Uint8Array(13)
  const view = new DataView(header.buffer)
  view.setUint32(0, width)
  view.setUint32(4, height)
  header.set([8, 6, 0, 0, 0], 8) // depth 8, colour type 6 (RGBA), deflate, filter 0, no interlace
  const chunks = [
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array()),
  ]
  return Buffer.concat([Uint8Array.from(signature), ...chunks])
}

function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length)
  const view = new DataView(out.buffer)
  view.setUint32(0, body.length)
  out.set(Buffer.from(type, 'latin1'), 4)
  out.set(body, 8)
  view.setUint32(8 + body.length, crc32(out.subarray(4, 8 + body.length)))
  return out
}
