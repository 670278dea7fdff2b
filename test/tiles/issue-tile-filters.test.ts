// Every items filter of the issues is one a tile can apply from the issue columns: a filter the
// tiles ignored would draw every issue on a filtered map.
import { describe, expect, test } from 'vitest'
import { IssueColumns } from '../../server/analytics/issue-columns.ts'
import { collections } from '../../server/collections.ts'
import { parseTileQuery } from '../../server/http/routes/tiles.ts'
import { issueTile, tileFilterProperties } from '../../server/tiles/issue-tile.ts'
import { tileAt } from '../../server/tiles/tile-matrix.ts'
import { issueAt, pinnedNow, places } from '../http/ledger-app.ts'

const columns = IssueColumns.fromFeatures([
  issueAt('seat', 'i-team', {
    source: 'inspection-team',
    roundId: 'round-0001',
    issueNo: '2026-000001',
  }),
  issueAt('seat', 'i-undercover', {
    source: 'undercover',
    roundId: 'round-0002',
    issueNo: '2026-000002',
  }),
  issueAt('seat', 'i-none'), // recorded before sources existed: no source, no round
])
const [lng, lat] = places.seat.lngLat
const tile = tileAt(lng, lat, 14)
const idsFor = (query: Record<string, string>) =>
  issueTile(columns, parseTileQuery(query, 'issues').query, tile, pinnedNow.getTime())
    ?.issues?.map((f) => f.tags?.id)
    .sort() ?? []

describe('issue tile filters', () => {
  test('every property filter of the issues collection has a column', () => {
    const issues = collections.find((c) => c.id === 'issues')
    const properties = (issues?.filters ?? []).filter((f) => !f.derived).map((f) => f.property)
    expect(properties.filter((p) => !tileFilterProperties.has(p))).toEqual([])
  })

  test.each([
    [{}, ['i-none', 'i-team', 'i-undercover']],
    [{ source: 'undercover' }, ['i-undercover']],
    [{ source: 'self-check' }, []],
    [{ roundId: 'round-0001' }, ['i-team']],
    [{ roundId: 'round-9999' }, []],
    [{ source: 'inspection-team', roundId: 'round-0002' }, []],
    [{ issueNo: '2026-000002' }, ['i-undercover']],
    [{ issueNo: '2025-000002' }, []],
    [{ issueNo: '2026-2' }, []], // not a number as the ledger writes them: matches none
  ])('the filter %j keeps %j', (query, expected) => {
    expect(idsFor(query)).toEqual(expected)
  })

  test('a single issue carries its 问题编号 as the issueNo tag; an issue without one has no tag', () => {
    const query = parseTileQuery({}, 'issues').query
    const points = issueTile(columns, query, tile, pinnedNow.getTime())?.issues ?? []
    const tags = Object.fromEntries(points.map((f) => [f.tags?.id, f.tags?.issueNo]))
    expect(tags).toEqual({
      'i-team': '2026-000001',
      'i-undercover': '2026-000002',
      'i-none': undefined,
    })
    expect(points.find((f) => f.tags?.id === 'i-none')?.tags).not.toHaveProperty('issueNo')
  })

  test('a filter the columns cannot apply is refused, not ignored', () => {
    const query = parseTileQuery({}, 'issues').query
    const strange = { ...query, properties: { description: '占道' } }
    expect(() => issueTile(columns, strange, tile, pinnedNow.getTime())).toThrow(RangeError)
  })
})
