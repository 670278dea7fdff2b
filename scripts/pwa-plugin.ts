// Vite plugin for the installable phone app (/m): at build time it writes the web app manifest, draws
// the icons (PNG, no binary files in git, no network) and writes sw.js from
// client/roles/mobile/service-worker.js with this build's id and the app shell /m needs offline.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { crc32, deflateSync } from 'node:zlib'
import type { Plugin } from 'vite'

const iconSizesPx = [192, 512] // what Chrome's install criteria and Android launchers ask for
const mobileScreen = '/roles/mobile/mobile-screen.tsx' // the chunk whose graph /m needs
const workerSource = new URL('../client/roles/mobile/service-worker.js', import.meta.url)

export const webManifest = {
  name: '巡查通 · 巍山县文明城市创建',
  short_name: '巡查通',
  description: '现场上报问题、查看和办理本单位任务（示意数据）',
  lang: 'zh-CN',
  start_url: 'm', // relative to the manifest: works behind a sub-path too
  scope: './',
  display: 'standalone',
  orientation: 'portrait',
  background_color: '#f3f5f7',
  theme_color: '#16324f',
  icons: iconSizesPx.flatMap((size) =>
    (['any', 'maskable'] as const).map((purpose) => ({
      src: `icons/icon-${size}.png`,
      sizes: `${size}x${size}`,
      type: 'image/png',
      purpose,
    })),
  ),
}

export function pwaPlugin(): Plugin {
  return {
    name: 'weishan-pwa',
    apply: 'build',
    generateBundle(_options, bundle) {
      const icons = iconSizesPx.map((size) => ({
        fileName: `icons/icon-${size}.png`,
        source: drawIcon(size),
      }))
      for (const icon of icons) this.emitFile({ type: 'asset', ...icon })
      this.emitFile({
        type: 'asset',
        fileName: 'manifest.webmanifest',
        source: `${JSON.stringify(webManifest, null, 2)}\n`,
      })
      const shell = shellFiles(bundle)
      const precache = [
        'index.html',
        'manifest.webmanifest',
        ...icons.map((i) => i.fileName),
        ...shell,
      ]
      const buildId = createHash('sha256').update(shell.join('\n')).digest('hex').slice(0, 12)
      const template = readFileSync(workerSource, 'utf8')
      if (!template.includes("JSON.parse('__PRECACHE__')") || !template.includes('__BUILD_ID__')) {
        throw new Error('service-worker.js lost its placeholders')
      }
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: template
          .replace("JSON.parse('__PRECACHE__')", JSON.stringify(precache))
          .replace('__BUILD_ID__', buildId),
      })
    },
  }
}

interface ChunkLike {
  type: 'chunk' | 'asset'
  fileName: string
  isEntry?: boolean
  facadeModuleId?: string | null
  imports?: string[]
  viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> }
}

/** The entry chunk, the phone app's chunk and everything they import statically, with their CSS. */
function shellFiles(bundle: Record<string, ChunkLike>): string[] {
  const chunks = Object.values(bundle).filter((c) => c.type === 'chunk')
  const roots = chunks.filter(
    (c) => c.isEntry || c.facadeModuleId?.replaceAll('\\', '/').endsWith(mobileScreen),
  )
  if (roots.length < 2)
    throw new Error(`no chunk for ${mobileScreen}: the offline shell is incomplete`)
  const files = new Set<string>()
  const visit = (fileName: string) => {
    if (files.has(fileName)) return
    files.add(fileName)
    const chunk = bundle[fileName]
    for (const css of chunk?.viteMetadata?.importedCss ?? []) files.add(css)
    for (const next of chunk?.imports ?? []) visit(next)
  }
  for (const root of roots) visit(root.fileName)
  return [...files].sort()
}

// ---- the icon: a white map pin with a gold centre on the app's navy, inside the maskable safe zone

const navy = [0x16, 0x32, 0x4f]
const white = [0xff, 0xff, 0xff]
const gold = [0xf0, 0xb4, 0x29]

/** The colour at (x, y) in a unit square. The pin fits the central 60 % (maskable safe zone). */
function iconColour(x: number, y: number): number[] {
  const cx = 0.5
  const cy = 0.43 // the head's centre; the tip reaches 0.75
  const head = 0.17
  const d = Math.hypot(x - cx, y - cy)
  if (d < 0.07) return gold
  if (d < head) return white
  // the point: the cone from the tip, tangent to the head (below the tangent points only)
  const tipY = 0.75
  const reach = tipY - cy
  const slope = head / Math.sqrt(reach * reach - head * head) // tan of the half-angle at the tip
  if (y > cy + (head * head) / reach && y < tipY && Math.abs(x - cx) < (tipY - y) * slope) {
    return white
  }
  return navy
}

/** The app icon as a `size`×`size` PNG. */
export function drawIcon(size: number): Uint8Array {
  const samples = 4 // per axis: 16 samples a pixel smooth the edges
  const rows: Uint8Array[] = []
  for (let py = 0; py < size; py++) {
    const row = new Uint8Array(1 + size * 4) // filter byte 0, then RGBA
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0]
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = iconColour(
            (px + (sx + 0.5) / samples) / size,
            (py + (sy + 0.5) / samples) / size,
          )
          for (let c = 0; c < 3; c++) sum[c] = (sum[c] ?? 0) + (colour[c] ?? 0)
        }
      }
      const n = samples * samples
      row.set([...sum.map((v) => Math.round(v / n)), 255], 1 + px * 4)
    }
    rows.push(row)
  }
  return encodePng(size, size, Buffer.concat(rows))
}

function encodePng(width: number, height: number, filtered: Uint8Array): Uint8Array {
  const chunk = (type: string, body: Uint8Array) => {
    const head = Buffer.alloc(8)
    head.writeUInt32BE(body.length, 0)
    head.write(type, 4, 'latin1')
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0)
    return Buffer.concat([head, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 6, 0, 0, 0], 8) // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(filtered, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ])
}
