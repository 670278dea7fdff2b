import { describe, expect, test } from 'vitest'
import { findCollection } from '../../server/collections.ts'
import { InvalidParameter } from '../../server/ogc/exception.ts'
import {
  defaultQueryLimits,
  parseBbox,
  parseDatetime,
  parseFormatOnly,
  parseInstant,
  parseItemsQuery,
  type RawQuery,
} from '../../server/ogc/parse-query.ts'

const checkpoints = findCollection('checkpoints')
const issues = findCollection('issues')
if (!checkpoints || !issues) throw new Error('collections.ts lost checkpoints or issues')

function rejection(run: () => unknown): InvalidParameter {
  try {
    run()
  } catch (err) {
    if (err instanceof InvalidParameter) return err
    throw err
  }
  throw new Error('expected an InvalidParameter')
}

const ms = (iso: string) => Date.parse(iso)

describe('bbox', () => {
  test.each([
    ['100.2,25.1,100.4,25.3', [100.2, 25.1, 100.4, 25.3]],
    ['100.2,25.1,0,100.4,25.3,3000', [100.2, 25.1, 100.4, 25.3]],
    [' 100.2 , 25.1,100.4,25.3', [100.2, 25.1, 100.4, 25.3]],
    ['-180,-90,180,90', [-180, -90, 180, 90]],
    ['1e2,2.5e1,100.5,25.5', [100, 25, 100.5, 25.5]],
    // GDAL 3.6 -spat prints %.18g
    [
      '100.299999999999997,25.1999999999999993,100.310000000000002,25.25',
      [100.3, 25.2, 100.31, 25.25],
    ],
    // west > east: the box crosses the antimeridian and is kept as given
    ['179,-10,-179,10', [179, -10, -179, 10]],
  ])('%s parses to [west, south, east, north]', (value, expected) => {
    const bbox = parseBbox(value)
    for (const [i, v] of bbox.entries()) expect(v).toBeCloseTo(expected[i] as number, 12)
  })

  test.each([
    ['1,2,3', '3 个数'],
    ['1,2,3,4,5', '5 个数'],
    ['1,2,3,4,5,6,7', '7 个数'],
    ['a,b,c,d', '不是数'],
    ['NaN,25,101,26', '不是数'],
    ['Infinity,25,101,26', '不是数'],
    ['0x10,25,101,26', '不是数'],
    ['100,,101,26', '不是数'],
    ['100,26,101,25', '南边纬度大于北边纬度'],
    ['190,25,191,26', '经度'],
    ['100,-91,101,26', '纬度'],
    ['100,25,500,101,26,100', '高程'],
  ])('%s is rejected naming bbox (%s)', (value, why) => {
    const err = rejection(() => parseBbox(value))
    expect(err.parameter).toBe('bbox')
    expect(err.status).toBe(400)
    expect(err.message).toContain('bbox')
    expect(err.message).toContain(why)
  })
})

describe('datetime', () => {
  test.each([
    ['2026-11-01T08:30:00Z', ms('2026-11-01T08:30:00Z'), ms('2026-11-01T08:30:00.999Z')],
    ['2026-11-01T08:30:00.250Z', ms('2026-11-01T08:30:00.250Z'), ms('2026-11-01T08:30:00.250Z')],
    ['2026-11-01T16:30:00+08:00', ms('2026-11-01T08:30:00Z'), ms('2026-11-01T08:30:00.999Z')],
    ['2026-11-01t08:30:00z', ms('2026-11-01T08:30:00Z'), ms('2026-11-01T08:30:00.999Z')],
    ['2026-11-01', ms('2026-11-01T00:00:00Z'), ms('2026-11-01T23:59:59.999Z')],
    // truncated forms GDAL 3.6 sends for -where on a date-time field
    ['2026-11-01T', ms('2026-11-01T00:00:00Z'), ms('2026-11-01T23:59:59.999Z')],
    ['2026-11-01T08Z', ms('2026-11-01T08:00:00Z'), ms('2026-11-01T08:59:59.999Z')],
    ['2026-11-01T08:30Z', ms('2026-11-01T08:30:00Z'), ms('2026-11-01T08:30:59.999Z')],
  ])('instant %s covers its whole unit', (value, startMs, endMs) => {
    expect(parseDatetime(value)).toEqual({ startMs, endMs })
  })

  test.each([
    [
      '2026-11-01T00:00:00Z/2026-11-02T00:00:00Z',
      { startMs: ms('2026-11-01T00:00:00Z'), endMs: ms('2026-11-02T00:00:00.999Z') },
    ],
    [
      '2026-11-01/2026-11-02',
      { startMs: ms('2026-11-01T00:00:00Z'), endMs: ms('2026-11-02T23:59:59.999Z') },
    ],
    ['../2026-11-02T00:00:00Z', { endMs: ms('2026-11-02T00:00:00.999Z') }],
    ['/2026-11-02T00:00:00Z', { endMs: ms('2026-11-02T00:00:00.999Z') }],
    ['2026-11-01T00:00:00Z/..', { startMs: ms('2026-11-01T00:00:00Z') }],
    ['2026-11-01T00:00:00Z/', { startMs: ms('2026-11-01T00:00:00Z') }],
  ])('interval %s has the right open and closed ends', (value, expected) => {
    expect(parseDatetime(value)).toEqual(expected)
  })

  test.each([
    'yesterday',
    '2026-13-01',
    '2026-02-30',
    '2026-11-01T25:00:00Z',
    '2026-11-01T10:61:00Z',
    '2026-11-01T10:00:00', // RFC 3339 needs a zone
    '2026-11-01T10:00:00+25:00',
    '20261101',
    '../..',
    '/',
    '2026-11-01/2026-11-02/2026-11-03',
    '2026-11-02T00:00:00Z/2026-11-01T00:00:00Z', // end before start
    '2026-11-01T00:00:00Z/tomorrow',
  ])('%s is rejected naming datetime', (value) => {
    const err = rejection(() => parseDatetime(value))
    expect(err.parameter).toBe('datetime')
    expect(err.message).toContain('datetime')
  })

  test('a non-date string is not an instant', () => {
    expect(parseInstant('2026-11-01 08:30:00Z')).toBeUndefined()
  })
})

describe('items query', () => {
  test('no parameters gives the default limit, offset 0 and no selection', () => {
    expect(parseItemsQuery({}, issues)).toEqual({
      query: {
        properties: {},
        countUpTo: defaultQueryLimits.countUpTo,
        limit: defaultQueryLimits.defaultLimit,
        offset: 0,
      },
      selection: [],
    })
  })

  test.each([
    ['1', 1],
    ['250', 250],
    ['10000', 10_000],
    ['10001', 10_000],
    ['99999999999999999999999999', 10_000],
  ])(
    '/conf/core/fc-limit-response-1: limit=%s is used as %d (clamped above the maximum)',
    (limit, expected) => {
      expect(parseItemsQuery({ limit }, issues).query.limit).toBe(expected)
    },
  )

  test.each(['0', '-1', 'abc', '1.5', '1e3', ' 5', '0x10'])(
    'limit=%s is rejected naming limit',
    (limit) => {
      expect(rejection(() => parseItemsQuery({ limit }, issues)).parameter).toBe('limit')
    },
  )

  test.each([
    ['0', 0],
    ['2000', 2000],
  ])('offset=%s is used as %d', (offset, expected) => {
    expect(parseItemsQuery({ offset }, issues).query.offset).toBe(expected)
  })

  test.each(['-1', 'x', '1e3', '9007199254740993'])(
    'offset=%s is rejected naming offset',
    (offset) => {
      expect(rejection(() => parseItemsQuery({ offset }, issues)).parameter).toBe('offset')
    },
  )

  test('/conf/core/query-param-unknown: an unknown parameter is rejected by name', () => {
    const err = rejection(() => parseItemsQuery({ bbox: '100,25,101,26', colour: 'red' }, issues))
    expect(err.parameter).toBe('colour')
    expect(err.message).toContain('"colour"')
    expect(err.message).toContain('bbox') // and says what is accepted
  })

  test('a filter declared for another collection is unknown here', () => {
    expect(rejection(() => parseItemsQuery({ kind: 'fixed' }, issues)).parameter).toBe('kind')
  })

  test.each([
    ['bbox', ['100,25,101,26', '100,25,101,26']],
    ['limit', ['10', '20']],
    ['kind', ['fixed', 'random']],
  ])('a repeated %s is rejected as repeated', (name, values) => {
    const err = rejection(() => parseItemsQuery({ [name]: values }, checkpoints))
    expect(err.parameter).toBe(name)
    expect(err.message).toContain('重复')
  })

  test.each([
    ['bbox', ''],
    ['limit', ''],
    ['kind', ''],
  ])('an empty %s is rejected', (name, value) => {
    expect(rejection(() => parseItemsQuery({ [name]: value }, checkpoints)).parameter).toBe(name)
  })

  test('a nested (non-string) value is rejected', () => {
    const raw: RawQuery = { bbox: { west: '100' } }
    expect(rejection(() => parseItemsQuery(raw, checkpoints)).parameter).toBe('bbox')
  })

  test('/conf/core/query-param-invalid: an enum filter outside its values is rejected with the allowed values', () => {
    const err = rejection(() => parseItemsQuery({ kind: 'mobile' }, checkpoints))
    expect(err.parameter).toBe('kind')
    expect(err.message).toContain('fixed, random')
  })

  test('an overlong free-text filter is rejected', () => {
    expect(rejection(() => parseItemsQuery({ grid: 'x'.repeat(201) }, issues)).parameter).toBe(
      'grid',
    )
  })

  test('filters map parameter names to feature properties and keep the sent values for links', () => {
    const { query, selection } = parseItemsQuery(
      {
        township: '532927101',
        status: 'fixing',
        bbox: '100,25,101,26',
        datetime: '2026-11-01/..',
        limit: '5',
      },
      issues,
    )
    expect(query.properties).toEqual({ townshipCode: '532927101', status: 'fixing' })
    expect(query.bbox).toEqual([100, 25, 101, 26])
    expect(query.datetime).toEqual({ startMs: ms('2026-11-01T00:00:00Z') })
    expect(selection).toEqual([
      ['bbox', '100,25,101,26'],
      ['datetime', '2026-11-01/..'],
      ['status', 'fixing'],
      ['townshipCode', '532927101'], // links use the property name even when the alias came in
    ])
  })

  test('filters are named like their properties; the short names stay as aliases, not both at once', () => {
    const canonical = parseItemsQuery(
      { townshipCode: '532927101', gridCode: '532927101001001', responsibleUnit: 'u1' },
      issues,
    )
    const aliases = parseItemsQuery(
      { township: '532927101', grid: '532927101001001', unit: 'u1' },
      issues,
    )
    const expected = {
      townshipCode: '532927101',
      gridCode: '532927101001001',
      responsibleUnit: 'u1',
    }
    expect(canonical.query.properties).toEqual(expected)
    expect(aliases.query.properties).toEqual(expected)
    expect(aliases.selection).toEqual(canonical.selection)
    expect(() =>
      parseItemsQuery({ townshipCode: '532927101', township: '532927102' }, issues),
    ).toThrow(/townshipCode 与 township 是同一筛选条件/)
  })

  test('a boolean filter also takes 1 and 0, as GDAL sends -where "overdue = 1"', () => {
    expect(parseItemsQuery({ overdue: '1' }, issues).query.derived).toEqual({ overdue: 'true' })
    expect(parseItemsQuery({ overdue: '0' }, issues).selection).toEqual([['overdue', 'false']])
    expect(() => parseItemsQuery({ overdue: 'yes' }, issues)).toThrow(/overdue/)
  })

  test.each([
    ['json', 'json'],
    ['html', undefined],
    ['xml', undefined],
  ])('f=%s on items', (f, format) => {
    if (format) expect(parseItemsQuery({ f }, issues).format).toBe(format)
    else expect(rejection(() => parseItemsQuery({ f }, issues)).parameter).toBe('f')
  })
})

describe('metadata query', () => {
  test('only f is accepted on metadata paths', () => {
    expect(parseFormatOnly({})).toBeUndefined()
    expect(parseFormatOnly({ f: 'json' })).toBe('json')
    expect(rejection(() => parseFormatOnly({ limit: '5' })).parameter).toBe('limit')
  })

  test('f=html is accepted only where an HTML form exists', () => {
    expect(parseFormatOnly({ f: 'html' }, ['json', 'html'])).toBe('html')
    expect(rejection(() => parseFormatOnly({ f: 'html' })).parameter).toBe('f')
  })
})
