import { describe, expect, test } from 'vitest'
import { parseWallParams, wallDefaults } from '../../../../client/roles/wall/wall-params.ts'

const token = 'abcDEF123_-abcDEF123_-abcDEF123_-abcDEF1234' // 43 base64url characters

describe('wall URL parameters', () => {
  test('reads every parameter of a tour URL', () => {
    expect(
      parseWallParams(
        `?token=${token}&township=532927101&tour=1&tourSeconds=20&layer=hexagon&cycleSeconds=90`,
      ),
    ).toEqual({
      token,
      township: '532927101',
      tour: true,
      tourSeconds: 20,
      layer: 'hexagon',
      cycleSeconds: 90,
    })
  })

  test('an empty URL gives the defaults: whole county, no tour, layers taking turns', () => {
    expect(parseWallParams('')).toEqual({
      tour: false,
      tourSeconds: wallDefaults.tourSeconds,
      cycleSeconds: wallDefaults.cycleSeconds,
    })
  })

  test.each<[string, Partial<ReturnType<typeof parseWallParams>>]>([
    ['?tourSeconds=abc', { tourSeconds: wallDefaults.tourSeconds }],
    ['?tourSeconds=', { tourSeconds: wallDefaults.tourSeconds }],
    ['?tourSeconds=Infinity', { tourSeconds: wallDefaults.tourSeconds }],
    ['?tourSeconds=1', { tourSeconds: 5 }],
    ['?tourSeconds=-30', { tourSeconds: 5 }],
    ['?tourSeconds=99999', { tourSeconds: 3600 }],
    ['?tourSeconds=12.6', { tourSeconds: 13 }],
    ['?cycleSeconds=0', { cycleSeconds: 5 }],
    ['?tour=yes', { tour: true }],
    ['?tour', { tour: true }],
    ['?tour=0', { tour: false }],
    ['?tour=maybe', { tour: false }],
  ])('%s falls back or clamps', (search, expected) => {
    expect(parseWallParams(search)).toMatchObject(expected)
  })

  test.each([
    ['layer', '?layer=satellite'],
    ['layer', '?layer='],
    ['township', '?township=532927'],
    ['township', '?township=5301001011'], // ten digits (another county's township parses; tourStart ignores it)
    ['township', '?township=53292710x'],
    ['token', '?token=short'],
    ['token', '?token=has spaces in it and more'],
  ] as const)('drops a bad %s (%s)', (key, search) => {
    expect(parseWallParams(search)).not.toHaveProperty(key)
  })
})
