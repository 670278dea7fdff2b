// The place profile: every profile under geodata/places validates, and GET /api/place serves the
// one PLACE chooses (the default here), with the 测评体系 shares as the source gives them.
import { readdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { assessmentTotal, loadPlace, place, placesDir } from '../../server/config/place.ts'
import { type LedgerApp, startLedgerApp } from '../http/ledger-app.ts'

const codes = readdirSync(placesDir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)

describe('place profiles', () => {
  test.each(codes)('%s validates and carries its own code', (code) => {
    const p = loadPlace(code)
    expect(p.code).toBe(code)
    expect(p.seatTownship.code.startsWith(code)).toBe(true)
  })

  test('a bad code or a missing profile is refused with the file named', () => {
    expect(() => loadPlace('12')).toThrow(/6 位区划代码/)
    expect(() => loadPlace('000000')).toThrow(/无法读取地区配置 .*000000/)
  })

  test('the Henan 2016 shares keep the source sum of 106', () => {
    const henan = {
      ...place,
      assessment: {
        ...place.assessment,
        shares: { field: 46.3, materials: 39.7, survey: 10, departments: 10 },
      },
    }
    expect(assessmentTotal(henan)).toBe(106)
  })
})

describe('GET /api/place', () => {
  let app: LedgerApp
  beforeAll(async () => {
    app = await startLedgerApp()
  })
  afterAll(() => app.close())

  test('serves the configured place without a session', async () => {
    const res = await fetch(`${app.app.url}/api/place`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as Record<string, unknown> & {
      code: string
      assessmentTotal: number
    }
    expect(body.code).toBe(place.code)
    expect(body.titles).toEqual(place.titles)
    expect(body.assessmentTotal).toBe(assessmentTotal(place))
  })
})
