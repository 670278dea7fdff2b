// The ledger part of the Store contract: issues as current state + append-only events, the OGC view
// of every write, filters and overdue, accounts. describeStore runs it for every backend.
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { type CollectionDef, findCollection } from '../../server/collections.ts'
import {
  actionsFrom,
  InvalidTransition,
  type IssueAction,
  type IssueState,
  isOverdue,
  type NewIssueEvent,
  replay,
  toTransitionEvent,
} from '../../server/domain/issue.ts'
import { formatIssueNo } from '../../server/domain/issue-number.ts'
import type { FirstEvent, IssueListQuery } from '../../server/storage/ledger-store.ts'
import type { GeoJsonFeature, Store } from '../../server/storage/store.ts'
import {
  DuplicateId,
  DuplicateUser,
  IssueNotFound,
  VersionConflict,
} from '../../server/storage/store-errors.ts'
import { buildCheckpoint, buildIssue, mulberry32 } from '../builders.ts'

function def(id: string): CollectionDef {
  const found = findCollection(id)
  if (!found) throw new Error(`no collection ${id}`)
  return found
}

const admin = { actor: 'admin', actorName: '管理员', role: 'admin' }
const now = new Date('2026-11-22T08:00:00Z')

function firstEvent(
  lngLat: [number, number] = [100.31, 25.24],
  overrides: Record<string, unknown> = {},
): FirstEvent {
  const at = '2026-11-22T01:00:00Z'
  return {
    ...admin,
    at,
    action: 'report',
    to: 'pending',
    changes: {
      category: 'graffiti',
      description: '墙面乱涂（示例）',
      status: 'pending',
      reportedAt: at,
      updatedAt: at,
      deadlineAt: '2026-11-25T01:00:00Z',
      responsibleUnit: 'urban-management',
      gridCode: '532927101001002',
      townshipCode: '532927101',
      synthetic: false,
      lngLat,
      ...overrides,
    },
  }
}

const query = (q: Partial<IssueListQuery> = {}): IssueListQuery => ({
  sort: { key: 'reportedAt', descending: false },
  limit: 100,
  offset: 0,
  now,
  ...q,
})
const ids = (items: { id: string }[]) => items.map((i) => i.id)
const featureIds = (page: { features: readonly string[] }) =>
  page.features.map((f) => String((JSON.parse(f) as { id: unknown }).id))

const step = (state: IssueState, action: IssueAction, at = '2026-11-22T02:00:00Z', note = '说明') =>
  toTransitionEvent(
    state,
    { action, note, responsibleUnit: 'housing', deadlineAt: '2026-12-01T00:00:00Z' },
    { username: 'admin', displayName: '管理员', role: 'admin' },
    at,
  )

/** Six issues with varied status, unit, township, deadline and text. */
function ledgerIssues(): GeoJsonFeature[] {
  return [
    buildIssue({
      id: 'issue-00001',
      lngLat: [100.3, 25.2],
      properties: {
        status: 'pending',
        reportedAt: '2026-11-01T00:00:00Z',
        updatedAt: '2026-11-05T00:00:00Z',
        deadlineAt: '2026-11-30T00:00:00Z',
        description: '菜市场东门占道经营',
      },
    }),
    buildIssue({
      id: 'issue-00002',
      lngLat: [100.31, 25.21],
      properties: {
        status: 'fixing',
        reportedAt: '2026-11-02T00:00:00Z',
        updatedAt: '2026-11-03T00:00:00Z',
        deadlineAt: '2026-11-10T00:00:00Z',
        responsibleUnit: 'housing',
      },
    }),
    buildIssue({
      id: 'issue-00003',
      lngLat: [100.32, 25.22],
      properties: {
        status: 'reviewing',
        reportedAt: '2026-11-03T00:00:00Z',
        updatedAt: '2026-11-21T00:00:00Z',
        deadlineAt: '2026-11-20T00:00:00Z',
        category: 'graffiti',
      },
    }),
    buildIssue({
      id: 'issue-00004',
      lngLat: [100.33, 25.23],
      properties: {
        status: 'closed',
        reportedAt: '2026-11-04T00:00:00Z',
        updatedAt: '2026-11-06T00:00:00Z',
        deadlineAt: '2026-11-05T00:00:00Z',
        closedAt: '2026-11-06T00:00:00Z',
      },
    }),
    buildIssue({
      id: 'issue-00005',
      lngLat: [100.2, 25.3],
      properties: {
        status: 'fixing',
        reportedAt: '2026-11-05T00:00:00Z',
        updatedAt: '2026-11-07T00:00:00Z',
        deadlineAt: '2026-11-22T08:00:01Z',
        townshipCode: '532927102',
        gridCode: '532927102201001',
      },
    }),
    buildIssue({
      id: 'issue-00007',
      lngLat: [100.21, 25.31],
      properties: {
        status: 'pending',
        reportedAt: '2026-11-06T00:00:00Z',
        updatedAt: '2026-11-06T00:00:00Z',
        deadlineAt: '2026-11-22T07:59:59Z',
        townshipCode: '532927102',
      },
    }),
  ]
}

export function describeLedgerStore(name: string, open: () => Promise<Store>): void {
  describe(`${name} store: ledger`, () => {
    let store: Store
    beforeEach(async () => {
      store = await open()
      await store.loadCollections([{ def: def('issues'), features: ledgerIssues() }])
    })
    afterEach(async () => {
      await store.close()
    })

    test('loading the issues gives each an import event that replays to its stored state', async () => {
      for (const feature of ledgerIssues()) {
        const events = await store.issueEvents(String(feature.id))
        expect(events.map((e) => e.action)).toEqual(['import'])
        const state = await store.issue(String(feature.id))
        expect(state).toMatchObject({ version: 1, properties: feature.properties })
        expect(replay(events)).toEqual(state)
      }
    })

    test('a new issue continues the numbering past the largest loaded id, at version 1', async () => {
      const [a, b] = await store.createIssues([firstEvent(), firstEvent()])
      expect([a?.state.id, b?.state.id]).toEqual(['issue-00008', 'issue-00009'])
      expect(a?.state.version).toBe(1)
      expect(a?.event).toMatchObject({
        issueId: 'issue-00008',
        action: 'report',
        seq: expect.any(Number),
      })
      expect((b?.event.seq ?? 0) > (a?.event.seq ?? 0)).toBe(true)
    })

    test('loaded issues are numbered per Beijing year in order of 发现时间, then id', async () => {
      const { items } = await store.listIssues(query())
      expect(items.map((i) => i.properties.issueNo)).toEqual(
        items.map((_, n) => formatIssueNo(2026, n + 1)),
      )
      for (const item of items) {
        expect(replay(await store.issueEvents(item.id))).toEqual(item) // the import carries it
      }
    })

    test('a new issue gets the next 问题编号 of its Beijing year; the year turns at Beijing midnight', async () => {
      const loaded = (await store.listIssues(query())).total
      const created = await store.createIssues([
        firstEvent(),
        firstEvent(undefined, { reportedAt: '2026-12-31T15:59:59Z' }), // 23:59:59 in Beijing
        firstEvent(undefined, { reportedAt: '2026-12-31T16:00:00Z' }), // 1 January, 00:00 in Beijing
        firstEvent(undefined, { reportedAt: '2027-01-01T00:00:00Z' }),
      ])
      expect(created.map((c) => c.state.properties.issueNo)).toEqual([
        formatIssueNo(2026, loaded + 1),
        formatIssueNo(2026, loaded + 2),
        '2027-000001',
        '2027-000002',
      ])
      for (const { state, event } of created) {
        expect(event.changes?.issueNo).toBe(state.properties.issueNo)
        expect(replay(await store.issueEvents(state.id))).toEqual(state)
        const feature = JSON.parse((await store.feature('issues', state.id)) ?? 'null')
        expect(feature.properties.issueNo).toBe(state.properties.issueNo)
      }
    })

    test('a failed creation gives its numbers back: the next issue takes them, no gap', async () => {
      const loaded = (await store.listIssues(query())).total
      await expect(
        store.createIssues([firstEvent(), { ...firstEvent(), issueId: 'issue-00002' }]),
      ).rejects.toThrow(DuplicateId)
      const [next] = await store.createIssues([firstEvent()])
      expect(next?.state.properties.issueNo).toBe(formatIssueNo(2026, loaded + 1))
    })

    test('an issue is found by its number: the ledger text search and the OGC issueNo filter', async () => {
      const [created] = await store.createIssues([firstEvent()])
      const issueNo = created?.state.properties.issueNo as string
      expect(ids((await store.listIssues(query({ text: issueNo }))).items)).toEqual([
        created?.state.id,
      ])
      expect(ids((await store.listIssues(query({ text: '2026-00000' }))).items)).toHaveLength(7)
      const page = await store.features('issues', {
        properties: { issueNo },
        limit: 10,
        offset: 0,
      })
      expect(featureIds(page)).toEqual([created?.state.id])
    })

    test('a new issue is in the OGC collection at once: feature, filters, bbox, count and extent', async () => {
      const before = (await store.collectionStats()).get('issues')
      const [created] = await store.createIssues([firstEvent([100.45, 25.5])])
      const id = created?.state.id as string
      const feature = JSON.parse((await store.feature('issues', id)) ?? 'null')
      expect(feature).toMatchObject({
        type: 'Feature',
        id,
        geometry: { type: 'Point', coordinates: [100.45, 25.5] },
        properties: { status: 'pending', category: 'graffiti' },
      })
      expect(feature.properties).not.toHaveProperty('lngLat')
      const inBox = await store.features('issues', {
        bbox: [100.44, 25.49, 100.46, 25.51],
        properties: { status: 'pending' },
        limit: 10,
        offset: 0,
      })
      expect(featureIds(inBox)).toEqual([id])
      const after = (await store.collectionStats()).get('issues')
      expect(after?.count).toBe((before?.count ?? 0) + 1)
      expect(after?.bbox).toEqual([100.2, 25.2, 100.45, 25.5])
    })

    test('creating issues is all or nothing: a taken id fails the batch', async () => {
      await expect(
        store.createIssues([firstEvent(), { ...firstEvent(), issueId: 'issue-00002' }]),
      ).rejects.toThrow(DuplicateId)
      expect((await store.collectionStats()).get('issues')?.count).toBe(6)
      expect((await store.listIssues(query())).total).toBe(6)
    })

    test('a transition at the current version stores the event and the new state together', async () => {
      const current = (await store.issue('issue-00001')) as IssueState
      const { state, event } = await store.appendIssueEvent(step(current, 'assign'), 1)
      expect(state).toMatchObject({
        version: 2,
        properties: { status: 'fixing', responsibleUnit: 'housing' },
      })
      expect(await store.issue('issue-00001')).toEqual(state)
      expect((await store.issueEvents('issue-00001')).at(-1)).toEqual(event)
      // the OGC view and its indexed columns follow
      const stored = JSON.parse((await store.feature('issues', 'issue-00001')) ?? '{}')
      expect(stored.properties.status).toBe('fixing')
      const fixing = await store.features('issues', {
        properties: { status: 'fixing', responsibleUnit: 'housing' },
        limit: 10,
        offset: 0,
      })
      expect(featureIds(fixing)).toContain('issue-00001')
      const pending = await store.features('issues', {
        properties: { status: 'pending' },
        limit: 10,
        offset: 0,
      })
      expect(featureIds(pending)).not.toContain('issue-00001')
    })

    test('transactIssue decides from the state inside the transaction; a throw writes nothing', async () => {
      const seen: number[] = []
      const { state } = await store.transactIssue('issue-00001', undefined, (current) => {
        seen.push(current.version)
        return step(current, 'assign')
      })
      expect([seen, state.version]).toEqual([[1], 2])
      await expect(
        store.transactIssue('issue-00001', undefined, () => {
          throw new Error('refused')
        }),
      ).rejects.toThrow('refused')
      await expect(
        store.transactIssue('nope', undefined, (c) => step(c, 'assign')),
      ).rejects.toThrow(IssueNotFound)
      expect((await store.issueEvents('issue-00001')).length).toBe(2)
    })

    test('a property a transition adds shows up in the collection schema (closedAt)', async () => {
      await store.loadCollections([{ def: def('issues'), features: ledgerIssues().slice(0, 3) }])
      expect((await store.collectionStats()).get('issues')?.properties).not.toHaveProperty(
        'closedAt',
      )
      const reviewing = (await store.issue('issue-00003')) as IssueState
      await store.appendIssueEvent(step(reviewing, 'approve'), 1)
      expect((await store.collectionStats()).get('issues')?.properties.closedAt).toEqual({
        type: 'string',
        format: 'date-time',
      })
    })

    test('a stale version is a VersionConflict carrying the current state; nothing is written', async () => {
      const current = (await store.issue('issue-00001')) as IssueState
      await store.appendIssueEvent(step(current, 'assign'), 1)
      const error = await store
        .appendIssueEvent(step(current, 'assign'), 1)
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(VersionConflict)
      expect((error as VersionConflict).current.version).toBe(2)
      expect(await store.issueEvents('issue-00001')).toHaveLength(2)
    })

    test('two transitions racing at the same version: exactly one wins, no lost update', async () => {
      const current = (await store.issue('issue-00003')) as IssueState
      const results = await Promise.allSettled([
        store.appendIssueEvent(step(current, 'approve'), 1),
        store.appendIssueEvent(step(current, 'reject'), 1),
      ])
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
      const winner = results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{
        state: IssueState
      }>
      expect(await store.issue('issue-00003')).toEqual(winner.value.state)
      expect(replay(await store.issueEvents('issue-00003'))).toEqual(winner.value.state)
    })

    test('an unknown issue is IssueNotFound; a transition the status forbids is InvalidTransition', async () => {
      const pending = (await store.issue('issue-00001')) as IssueState
      await expect(
        store.appendIssueEvent({ ...step(pending, 'assign'), issueId: 'nope' }, 1),
      ).rejects.toThrow(IssueNotFound)
      const closed = (await store.issue('issue-00004')) as IssueState
      const event: NewIssueEvent = { ...step(pending, 'assign'), issueId: 'issue-00004' }
      await expect(store.appendIssueEvent(event, closed.version)).rejects.toThrow(InvalidTransition)
      expect(await store.issueEvents('issue-00004')).toHaveLength(1)
    })

    test('a note keeps the version and may be appended without one', async () => {
      const note: NewIssueEvent = {
        issueId: 'issue-00002',
        ...admin,
        at: '2026-11-22T03:00:00Z',
        action: 'note',
        note: '已电话督促',
        attachmentIds: ['att-1'],
      }
      const { state, event } = await store.appendIssueEvent(note, undefined)
      expect(state.version).toBe(1)
      expect(state.properties.updatedAt).toBe('2026-11-22T03:00:00Z')
      expect(event).toMatchObject({ action: 'note', note: '已电话督促', attachmentIds: ['att-1'] })
    })

    // seeded random walks through the store: whatever happened, the history replays to the state
    test.each([1, 2, 3, 4, 5, 6, 7, 8])(
      'random history #%i through the store replays to the stored state',
      async (seed) => {
        const random = mulberry32(seed)
        const [created] = await store.createIssues([firstEvent()])
        let state = created?.state as IssueState
        let ms = Date.parse('2026-11-22T02:00:00Z')
        for (let i = 0; i < 30; i++) {
          ms += Math.floor(random() * 3_600_000)
          const at = new Date(ms).toISOString()
          if (random() < 0.25) {
            state = (
              await store.appendIssueEvent(
                { issueId: state.id, ...admin, at, action: 'note', note: `备注${i}` },
                undefined,
              )
            ).state
            continue
          }
          const actions = actionsFrom(state.properties.status)
          const action = actions[Math.floor(random() * actions.length)] as IssueAction
          const stale = random() < 0.15 // now and then a client with an old version
          const attempt = store.appendIssueEvent(
            step(state, action, at),
            stale ? state.version - 1 : state.version,
          )
          if (stale) await expect(attempt).rejects.toThrow(VersionConflict)
          else state = (await attempt).state
        }
        const events = await store.issueEvents(state.id)
        expect(await store.issue(state.id)).toEqual(state)
        expect(replay(events)).toEqual(state)
        expect(JSON.parse((await store.feature('issues', state.id)) ?? '{}').properties).toEqual(
          state.properties,
        )
      },
    )

    test('listIssues filters by status, category, township, grid, unit and text', async () => {
      const cases: [Partial<IssueListQuery>, string[]][] = [
        [{ status: 'fixing' }, ['issue-00002', 'issue-00005']],
        [{ category: 'graffiti' }, ['issue-00003']],
        [{ townshipCode: '532927102' }, ['issue-00005', 'issue-00007']],
        [{ gridCode: '532927102201001' }, ['issue-00005']],
        [{ responsibleUnit: 'housing' }, ['issue-00002']],
        [{ text: '菜市场' }, ['issue-00001']],
        [{ text: '00004' }, ['issue-00004']],
        [{ status: 'pending', townshipCode: '532927102' }, ['issue-00007']],
      ]
      for (const [filter, expected] of cases) {
        const page = await store.listIssues(query(filter))
        expect(ids(page.items)).toEqual(expected)
        expect(page.total).toBe(expected.length)
      }
    })

    test('overdue is derived against the clock: open and past the deadline, never closed', async () => {
      const all = ledgerIssues()
      const expected = all
        .filter((f) => isOverdue(f.properties as never, now))
        .map((f) => String(f.id))
      expect(expected).toEqual(['issue-00002', 'issue-00003', 'issue-00007'])
      expect(ids((await store.listIssues(query({ overdue: true }))).items)).toEqual(expected)
      expect(ids((await store.listIssues(query({ overdue: false }))).items)).toEqual([
        'issue-00001',
        'issue-00004',
        'issue-00005',
      ])
      // two seconds later issue-00005's deadline has passed too
      const later = new Date(now.getTime() + 2000)
      expect(ids((await store.listIssues(query({ overdue: true, now: later }))).items)).toContain(
        'issue-00005',
      )
      // the OGC items filter says the same
      const page = await store.features('issues', {
        properties: {},
        derived: { overdue: 'true' },
        nowMs: now.getTime(),
        limit: 10,
        offset: 0,
      })
      expect(featureIds(page)).toEqual(expected)
      const boxed = await store.features('issues', {
        bbox: [100.19, 25.29, 100.22, 25.32],
        properties: {},
        derived: { overdue: 'false' },
        nowMs: now.getTime(),
        limit: 10,
        offset: 0,
      })
      expect(featureIds(boxed)).toEqual(['issue-00005'])
    })

    test.each([
      [
        'reportedAt',
        false,
        ['issue-00001', 'issue-00002', 'issue-00003', 'issue-00004', 'issue-00005', 'issue-00007'],
      ],
      [
        'reportedAt',
        true,
        ['issue-00007', 'issue-00005', 'issue-00004', 'issue-00003', 'issue-00002', 'issue-00001'],
      ],
      [
        'deadlineAt',
        false,
        ['issue-00004', 'issue-00002', 'issue-00003', 'issue-00007', 'issue-00005', 'issue-00001'],
      ],
      [
        'updatedAt',
        true,
        ['issue-00003', 'issue-00005', 'issue-00007', 'issue-00004', 'issue-00001', 'issue-00002'],
      ], // tie: the later-loaded first
    ] as const)('listIssues sorts by %s (descending: %s)', async (key, descending, expected) => {
      expect(ids((await store.listIssues(query({ sort: { key, descending } }))).items)).toEqual(
        expected,
      )
    })

    test('listIssues pages exactly and reports the total', async () => {
      const page = await store.listIssues(query({ limit: 4, offset: 4 }))
      expect(page.total).toBe(6)
      expect(ids(page.items)).toEqual(['issue-00005', 'issue-00007'])
      expect((await store.listIssues(query({ offset: 10 }))).items).toEqual([])
    })

    test('a transition moves the issue between filters and sort positions', async () => {
      const current = (await store.issue('issue-00001')) as IssueState
      await store.appendIssueEvent(step(current, 'assign', '2026-11-22T09:00:00Z'), 1)
      expect(ids((await store.listIssues(query({ status: 'pending' }))).items)).toEqual([
        'issue-00007',
      ])
      const byUpdate = await store.listIssues(
        query({ sort: { key: 'updatedAt', descending: true }, limit: 1 }),
      )
      expect(ids(byUpdate.items)).toEqual(['issue-00001'])
    })

    test('reloading the issues restarts every history with an import', async () => {
      const current = (await store.issue('issue-00001')) as IssueState
      await store.appendIssueEvent(step(current, 'assign'), 1)
      await store.loadCollections([{ def: def('issues'), features: ledgerIssues() }])
      expect((await store.issueEvents('issue-00001')).map((e) => e.action)).toEqual(['import'])
      expect((await store.issue('issue-00001'))?.version).toBe(1)
    })

    test('attachment metadata is kept per issue, in upload order', async () => {
      const base = { contentType: 'image/png', bytes: 10, sha256: 'ab', uploadedBy: 'admin' }
      await store.addAttachment({
        ...base,
        id: 'att-b',
        issueId: 'issue-00002',
        fileName: 'att-b.png',
        createdAt: '2026-11-22T01:00:00Z',
      })
      await store.addAttachment({
        ...base,
        id: 'att-a',
        issueId: 'issue-00002',
        fileName: 'att-a.png',
        createdAt: '2026-11-22T02:00:00Z',
      })
      expect((await store.issueAttachments('issue-00002')).map((a) => a.id)).toEqual([
        'att-b',
        'att-a',
      ])
      expect(await store.attachment('att-a')).toMatchObject({
        issueId: 'issue-00002',
        fileName: 'att-a.png',
      })
      expect(await store.attachment('nope')).toBeUndefined()
      expect(await store.issueAttachments('issue-00001')).toEqual([])
    })

    test('units are seeded once, in order; a second seed adds only new codes', async () => {
      const units = [
        { code: 'urban-management', name: '县城市管理局', kind: 'department' as const },
        { code: 'township-532927101', name: '南诏镇人民政府', kind: 'township' as const },
      ]
      expect(await store.seedUnits(units)).toBe(2)
      expect(
        await store.seedUnits([
          { ...units[0], name: '改名' } as never,
          { code: 'health', name: '县卫生健康局', kind: 'department' },
        ]),
      ).toBe(1)
      expect(await store.units()).toEqual([
        { code: 'urban-management', name: '县城市管理局', kind: 'department', active: true },
        { code: 'township-532927101', name: '南诏镇人民政府', kind: 'township', active: true },
        { code: 'health', name: '县卫生健康局', kind: 'department', active: true },
      ])
    })

    test('added features get the next free ids, are indexed and counted; a taken id fails all', async () => {
      await store.loadCollections([
        {
          def: def('checkpoints'),
          features: [buildCheckpoint({ id: 'cp-0001' }), buildCheckpoint({ id: 'cp-0009' })],
        },
      ])
      const added = await store.addFeatures(
        def('checkpoints'),
        [
          { ...buildCheckpoint({ lngLat: [100.4, 25.4] }), id: undefined },
          { ...buildCheckpoint({ lngLat: [100.41, 25.41] }), id: undefined },
        ],
        { prefix: 'cp-', digits: 4 },
      )
      expect(added).toEqual(['cp-0010', 'cp-0011'])
      expect((await store.collectionStats()).get('checkpoints')?.count).toBe(4)
      const page = await store.features('checkpoints', {
        bbox: [100.39, 25.39, 100.42, 25.42],
        properties: {},
        limit: 10,
        offset: 0,
      })
      expect(featureIds(page)).toEqual(['cp-0010', 'cp-0011'])
      await expect(
        store.addFeatures(
          def('checkpoints'),
          [buildCheckpoint({ id: 'cp-0100' }), buildCheckpoint({ id: 'cp-0001' })],
          { prefix: 'cp-', digits: 4 },
        ),
      ).rejects.toThrow(DuplicateId)
      expect(await store.feature('checkpoints', 'cp-0100')).toBeUndefined()
    })
  })

  describe(`${name} store: accounts`, () => {
    let store: Store
    const user = (username: string, extra = {}) => ({
      username,
      displayName: username,
      role: 'inspector' as const,
      passwordHash: 'scrypt$1024$8$1$c2FsdA==$aGFzaA==',
      active: true,
      createdAt: '2026-11-22T00:00:00Z',
      ...extra,
    })
    beforeEach(async () => {
      store = await open()
      await store.seedUnits([
        { code: 'urban-management', name: '县城市管理局', kind: 'department' },
      ])
    })
    afterEach(async () => {
      await store.close()
    })

    test('users are created once, read back with their unit and grids, listed by username', async () => {
      await store.createUser(user('wang', { role: 'unit-operator', unitCode: 'urban-management' }))
      await store.createUser(user('li', { role: 'grid-manager', gridCodes: ['532927101001002'] }))
      await expect(store.createUser(user('wang'))).rejects.toThrow(DuplicateUser)
      expect(await store.user('wang')).toMatchObject({
        role: 'unit-operator',
        unitCode: 'urban-management',
      })
      expect(await store.user('li')).toMatchObject({ gridCodes: ['532927101001002'] })
      expect((await store.users()).map((u) => u.username)).toEqual(['li', 'wang'])
      expect(await store.user('nobody')).toBeUndefined()
    })

    test('a session finds its user until it expires; deleting or a new password ends it', async () => {
      await store.createUser(user('wang'))
      await store.createSession({
        idHash: 'h1',
        username: 'wang',
        createdAtMs: 1000,
        expiresAtMs: 5000,
      })
      expect((await store.sessionUser('h1', 4999))?.user).toMatchObject({
        username: 'wang',
        role: 'inspector',
      })
      expect((await store.sessionUser('h1', 4999))?.user).not.toHaveProperty('passwordHash')
      expect(await store.sessionUser('h1', 5000)).toBeUndefined()
      await store.extendSession('h1', 9000)
      expect(await store.sessionUser('h1', 8000)).toBeDefined()
      expect(await store.sessionUser('other', 1000)).toBeUndefined()
      await store.createSession({
        idHash: 'h2',
        username: 'wang',
        createdAtMs: 1000,
        expiresAtMs: 3000,
      })
      expect(await store.deleteExpiredSessions(4000)).toBe(1)
      await store.deleteSession('h1')
      expect(await store.sessionUser('h1', 1000)).toBeUndefined()
      await store.createSession({
        idHash: 'h3',
        username: 'wang',
        createdAtMs: 1000,
        expiresAtMs: 9000,
      })
      expect(await store.setPassword('wang', 'scrypt$new')).toBe(true)
      expect(await store.sessionUser('h3', 2000)).toBeUndefined()
      expect(await store.setPassword('nobody', 'x')).toBe(false)
    })

    test('an inactive user has no session', async () => {
      await store.createUser(user('gone', { active: false }))
      await store.createSession({
        idHash: 'h',
        username: 'gone',
        createdAtMs: 0,
        expiresAtMs: 10_000,
      })
      expect(await store.sessionUser('h', 1)).toBeUndefined()
    })

    test('a display token replaces the one before it', async () => {
      expect(await store.displayTokenCount()).toBe(0)
      await store.replaceDisplayTokens({
        hash: 't1',
        name: '大屏',
        createdAt: '2026-11-22T00:00:00Z',
      })
      await store.replaceDisplayTokens({
        hash: 't2',
        name: '大屏',
        createdAt: '2026-11-22T01:00:00Z',
      })
      expect(await store.hasDisplayToken('t2')).toBe(true)
      expect(await store.hasDisplayToken('t1')).toBe(false)
      expect(await store.displayTokenCount()).toBe(1)
    })
  })
}
