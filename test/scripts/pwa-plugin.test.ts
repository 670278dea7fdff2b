// The PWA build pieces without a build: the manifest has what an install needs, and the icons are
// real PNGs of the declared sizes with the pin's gold centre on the app's navy (maskable safe zone).
import { describe, expect, test } from 'vitest'
import { drawIcon, webManifest } from '../../scripts/pwa-plugin.ts'
import { decodePng } from '../e2e/png.ts'

describe('web app manifest', () => {
  test('names the app in Chinese, starts /m standalone and declares 192 and 512 px icons', () => {
    expect(webManifest).toMatchObject({
      name: expect.stringContaining('巡查通'),
      short_name: '巡查通',
      lang: 'zh-CN',
      start_url: 'm',
      display: 'standalone',
    })
    const sizes = webManifest.icons.map((i) => `${i.sizes} ${i.purpose}`)
    expect(sizes).toEqual(
      expect.arrayContaining([
        '192x192 any',
        '512x512 any',
        '192x192 maskable',
        '512x512 maskable',
      ]),
    )
    expect(webManifest.short_name.length).toBeLessThanOrEqual(6) // fits under a launcher icon
  })
})

describe('icons', () => {
  test.each([192, 512])(
    '%d px: a decodable PNG, gold centre, navy corners, white pin edge',
    (size) => {
      const image = decodePng(drawIcon(size))
      expect([image.width, image.height]).toEqual([size, size])
      const at = (x: number, y: number) => {
        const i = (Math.floor(y * size) * size + Math.floor(x * size)) * 4
        return [...image.data.subarray(i, i + 4)]
      }
      expect(at(0.5, 0.43)).toEqual([0xf0, 0xb4, 0x29, 255]) // the pin's centre
      expect(at(0.02, 0.02)).toEqual([0x16, 0x32, 0x4f, 255]) // corner: the background
      expect(at(0.5, 0.3)).toEqual([255, 255, 255, 255]) // the pin's head
      expect(at(0.5, 0.7)).toEqual([255, 255, 255, 255]) // its point
      // the maskable safe zone is the central circle of 40 % radius: nothing white outside it
      for (let y = 0; y < size; y += 4) {
        for (let x = 0; x < size; x += 4) {
          if (Math.hypot(x / size - 0.5, y / size - 0.5) < 0.4) continue
          expect(at(x / size, y / size)).toEqual([0x16, 0x32, 0x4f, 255])
        }
      }
    },
  )
})
