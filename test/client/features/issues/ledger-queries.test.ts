import { QueryClient } from '@tanstack/react-query'
import { afterEach, describe, expect, test } from 'vitest'
import {
  invalidateIssues,
  issueDetailQuery,
  issueKeys,
  ledgerQuery,
} from '../../../../client/features/issues/api.ts'
import { emptyLedgerFilter } from '../../../../client/features/issues/ledger-filter.ts'
import { configureApiClient } from '../../../../client/lib/api-client.ts'
import { collectionKeys } from '../../../../client/lib/collection-query.ts'

function freshClient() {
  return new QueryClient({ defaultOptions: { queries: { retry: false } } })
}

function serve(body: unknown) {
  const urls: string[] = []
  configureApiClient({
    baseUrl: 'http://example.test/',
    fetchImpl: (async (input: RequestInfo | URL) => {
      urls.push(String(input))
      return new Response(JSON.stringify(body), { status: 200 })
    }) as typeof fetch,
  })
  return urls
}

afterEach(() => configureApiClient({ fetchImpl: globalThis.fetch, baseUrl: undefined }))

describe('ledger queries', () => {
  test('a ledger page asks /api/issues with the filter, sort and paging', async () => {
    const urls = serve({ items: [], total: 0, limit: 20, offset: 20 })
    const client = freshClient()
    const filter = { ...emptyLedgerFilter(), status: 'reviewing' as const, page: 2 }
    const page = await client.fetchQuery(ledgerQuery(filter))
    expect(page.total).toBe(0)
    expect(urls).toEqual([
      'http://example.test/api/issues?status=reviewing&sort=-reportedAt&limit=20&offset=20',
    ])
  })

  test('keys run from all issues to one list or one detail', () => {
    const filter = emptyLedgerFilter()
    expect(ledgerQuery(filter).queryKey.slice(0, 2)).toEqual([...issueKeys.all, 'list'])
    expect(issueDetailQuery('issue-7').queryKey).toEqual(['issues', 'detail', 'issue-7'])
  })

  test('a write makes the lists, the details and the map’s issue layer stale, nothing else', async () => {
    serve({})
    const client = freshClient()
    const settled = { staleTime: Number.POSITIVE_INFINITY }
    client.setQueryData(issueKeys.list(emptyLedgerFilter()), { items: [], total: 0 })
    client.setQueryData(issueKeys.detail('issue-7'), { id: 'issue-7' })
    client.setQueryData(collectionKeys.items('issues'), { features: [] })
    client.setQueryData(collectionKeys.items('grids'), { features: [] })
    for (const key of [
      issueKeys.list(emptyLedgerFilter()),
      issueKeys.detail('issue-7'),
      collectionKeys.items('issues'),
      collectionKeys.items('grids'),
    ]) {
      client.setQueryDefaults(key, settled)
    }
    await invalidateIssues(client)
    const invalid = (key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated
    expect(invalid(issueKeys.list(emptyLedgerFilter()))).toBe(true)
    expect(invalid(issueKeys.detail('issue-7'))).toBe(true)
    expect(invalid(collectionKeys.items('issues'))).toBe(true)
    expect(invalid(collectionKeys.items('grids'))).toBe(false)
  })
})
