import { describe, expect, test } from 'vitest'
import { featureLinks, itemsLinks, joinUrl, pageOffsets } from '../../server/ogc/links.ts'

describe('paging arithmetic', () => {
  test.each([
    // offset, limit, returned, matched → next, prev
    [0, 10, 10, 25, 10, undefined],
    [10, 10, 10, 25, 20, 0],
    [20, 10, 5, 25, undefined, 10],
    [0, 10, 10, 10, undefined, undefined], // exactly one full page
    [0, 10, 0, 0, undefined, undefined], // nothing matches
    [5, 10, 10, 100, 15, 0], // an odd offset steps back to 0, not below
    [30, 10, 0, 25, undefined, 15], // past the end: prev leads back to the last page
  ])(
    'offset %d, limit %d, %d returned of %d → next %s, prev %s',
    (offset, limit, returned, matched, next, prev) => {
      expect(pageOffsets(offset, limit, returned, matched)).toEqual({
        ...(next !== undefined ? { next } : {}),
        ...(prev !== undefined ? { prev } : {}),
      })
    },
  )

  test('following next links visits every feature exactly once', () => {
    for (const [matched, limit] of [
      [0, 10],
      [1, 10],
      [25, 10],
      [30, 10],
      [9999, 1000],
    ] as const) {
      let offset: number | undefined = 0
      let seen = 0
      while (offset !== undefined) {
        const returned = Math.max(0, Math.min(limit, matched - offset))
        seen += returned
        offset = pageOffsets(offset, limit, returned, matched).next
      }
      expect(seen).toBe(matched)
    }
  })
})

describe('links', () => {
  test('joinUrl keeps bbox and datetime readable and encodes the rest', () => {
    expect(
      joinUrl('http://h:1', '/collections/issues/items', [
        ['bbox', '100.2,25.1,100.4,25.3'],
        ['datetime', '2026-11-01T00:00:00Z/..'],
        ['grid', 'a b&c'],
      ]),
    ).toBe(
      'http://h:1/collections/issues/items?bbox=100.2,25.1,100.4,25.3&datetime=2026-11-01T00:00:00Z/..&grid=a%20b%26c',
    )
  })

  test('/conf/core/fc-links: an items page has absolute self, next, prev and collection links under the base path', () => {
    const links = itemsLinks({
      baseUrl: 'https://example.gov.cn/inspection',
      collectionId: 'issues',
      selection: [['status', 'fixing']],
      limit: 10,
      offset: 10,
      returned: 10,
      matched: 35,
    })
    expect(links.map((l) => [l.rel, l.type, l.href])).toEqual([
      [
        'self',
        'application/geo+json',
        'https://example.gov.cn/inspection/collections/issues/items?status=fixing&limit=10&offset=10',
      ],
      [
        'next',
        'application/geo+json',
        'https://example.gov.cn/inspection/collections/issues/items?status=fixing&limit=10&offset=20',
      ],
      [
        'prev',
        'application/geo+json',
        'https://example.gov.cn/inspection/collections/issues/items?status=fixing&limit=10',
      ],
      ['collection', 'application/json', 'https://example.gov.cn/inspection/collections/issues'],
    ])
  })

  test('the last page has no next link', () => {
    const rels = itemsLinks({
      baseUrl: 'http://h',
      collectionId: 'grids',
      selection: [],
      limit: 10,
      offset: 0,
      returned: 3,
      matched: 3,
    }).map((l) => l.rel)
    expect(rels).toEqual(['self', 'collection'])
  })

  test('/conf/core/f-links: a feature links to itself and its collection, with the id encoded', () => {
    expect(featureLinks('http://h', 'issues', 'a/b c')).toEqual([
      expect.objectContaining({ rel: 'self', href: 'http://h/collections/issues/items/a%2Fb%20c' }),
      expect.objectContaining({ rel: 'collection', href: 'http://h/collections/issues' }),
    ])
  })
})
