import { describe, expect, test } from 'vitest'
import { designSize, fitCanvas, rem, screenPx } from '../../../../client/roles/wall/canvas-scale.ts'

describe('the 1920×1080 design canvas', () => {
  test.each([
    [1920, 1080, 1],
    [3840, 2160, 2],
    [1280, 720, 2 / 3],
    [5760, 3240, 3],
  ])('fills a %i×%i screen at scale %d', (width, height, scale) => {
    const fit = fitCanvas(width, height)
    expect(fit.scale).toBeCloseTo(scale, 10)
    expect(fit).toMatchObject({ left: 0, top: 0 })
    expect(fit.width).toBeCloseTo(width, 6)
    expect(fit.height).toBeCloseTo(height, 6)
    expect(fit.rootFontPx).toBeCloseTo(16 * scale, 10)
  })

  test('an ultra-wide screen is letterboxed left and right, keeping 16:9', () => {
    const fit = fitCanvas(3440, 1080)
    expect(fit.scale).toBe(1)
    expect(fit.width).toBe(designSize.width)
    expect(fit.left).toBe((3440 - 1920) / 2)
    expect(fit.top).toBe(0)
  })

  test('a portrait screen is letterboxed top and bottom', () => {
    const fit = fitCanvas(1080, 1920)
    expect(fit.scale).toBeCloseTo(1080 / 1920, 10)
    expect(fit.left).toBe(0)
    expect(fit.top).toBeCloseTo((1920 - 1080 * (1080 / 1920)) / 2, 6)
  })

  test('a zero or broken viewport lays out at design size, a tiny one at the minimum scale', () => {
    expect(fitCanvas(0, 0).scale).toBe(1)
    expect(fitCanvas(Number.NaN, 1080).scale).toBe(1)
    expect(fitCanvas(100, 60).scale).toBe(0.25)
  })

  test('the smallest design text (12 px) is 24 px at 3840×2160', () => {
    expect(screenPx(12, fitCanvas(3840, 2160))).toBe(24)
    expect(screenPx(14, fitCanvas(3840, 2160))).toBe(28)
  })

  test('rem turns design px into rem of 16 design px', () => {
    expect(rem(24)).toBe('1.5rem')
    expect(rem(14)).toBe('0.875rem')
  })
})
