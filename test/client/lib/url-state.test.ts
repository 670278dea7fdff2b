import { describe, expect, test } from 'vitest'
import {
  parseUrlList,
  parseUrlState,
  toUrlSearch,
  type UrlState,
  withParam,
} from '../../../client/lib/url-state.ts'

const known = ['grids', 'fixed', 'random', 'heatmap', 'issues']

describe('url state', () => {
  test.each<[string, UrlState]>([
    [
      'everything',
      {
        view: { lng: 100.30603, lat: 25.23011, zoom: 12.5 },
        layers: ['grids', 'heatmap'],
        selected: { collection: 'issues', id: 'issue-00042' },
      },
    ],
    ['no layers visible', { layers: [] }],
    ['only a view', { view: { lng: 100.1, lat: 25.1, zoom: 9 } }],
    ['the ledger tab', { panel: 'ledger' }],
    ['a configured base map', { base: 'county-img' }],
    ['nothing', {}],
  ])('round trips %s', (_name, state) => {
    expect(parseUrlState(toUrlSearch(state), known)).toEqual(state)
  })

  test('is readable in the address bar', () => {
    const search = toUrlSearch({
      view: { lng: 100.30603, lat: 25.230114, zoom: 12.5 },
      layers: ['grids', 'fixed'],
    })
    expect(search).toBe('?map=12.50/25.23011/100.30603&layers=grids,fixed')
  })

  test('keeps unrelated parameters such as the role', () => {
    expect(toUrlSearch({ layers: ['grids'] }, '?role=wall&layers=fixed')).toBe(
      '?role=wall&layers=grids',
    )
  })

  test('drops unknown layer ids', () => {
    expect(parseUrlState('?layers=grids,bogus,issues', known).layers).toEqual(['grids', 'issues'])
  })

  test.each(['?map=abc', '?map=12/95/100', '?map=12/25', '?map=40/25/100'])(
    'ignores a malformed view %s',
    (search) => {
      expect(parseUrlState(search, known).view).toBeUndefined()
    },
  )

  test('an absent layers parameter means the defaults, an empty one means none', () => {
    expect(parseUrlState('', known).layers).toBeUndefined()
    expect(parseUrlState('?layers=', known).layers).toEqual([])
  })

  test('ignores a selection without collection or id', () => {
    expect(parseUrlState('?sel=issues', known).selected).toBeUndefined()
    expect(parseUrlState('?sel=/x', known).selected).toBeUndefined()
  })
})

test('the layer tab is the default and stays out of the URL; unknown tabs are dropped', () => {
  expect(toUrlSearch({ panel: 'layers' })).toBe('')
  expect(parseUrlState('?panel=bogus', known).panel).toBeUndefined()
})

test('the offline base map is the default and stays out of the URL; malformed ids are dropped', () => {
  expect(toUrlSearch({ base: 'offline' })).toBe('')
  expect(toUrlSearch({ base: 'tianditu-img' }, '?base=old')).toBe('?base=tianditu-img')
  expect(toUrlSearch({}, '?base=old')).toBe('')
  expect(parseUrlState('?base=offline', known).base).toBeUndefined()
  expect(parseUrlState('?base=Bad%20Id', known).base).toBeUndefined()
})

test('a list parameter reads as its non-empty items; absent or empty is the empty list', () => {
  expect(parseUrlList('532927101001001,532927101001002')).toEqual([
    '532927101001001',
    '532927101001002',
  ])
  expect(parseUrlList('a,,b,')).toEqual(['a', 'b'])
  expect(parseUrlList('')).toEqual([])
  expect(parseUrlList(null)).toEqual([])
})

test('one parameter is set or removed, the others kept, commas left readable', () => {
  expect(withParam('?role=wall&tab=list', 'tab', 'history')).toBe('?role=wall&tab=history')
  expect(withParam('?role=wall&tab=list', 'tab', null)).toBe('?role=wall')
  expect(withParam('', 'grids', 'a,b')).toBe('?grids=a,b')
  expect(withParam('?grids=a', 'grids', null)).toBe('')
})
