// The grids part of every Store: managers and codes seeded from the loaded grids, and a change
// applied whole or not at all. describeGridStore runs it for every backend; a backend whose reads
// are asynchronous may run `decide` more than once, so these decides are pure.
import { describe, expect, it } from 'vitest'
import { type CollectionDef, findCollection } from '../../server/collections.ts'
import type { GeoJsonFeature, Store } from '../../server/storage/store.ts'
import { buildGrid, buildIssue } from '../builders.ts'

function def(id: string): CollectionDef {
  const found = findCollection(id)
  if (!found) throw new Error(`collections.ts lost ${id}`)
  return found
}
const gridsDef = def('grids')
const issuesDef = def('issues')

/** Four grids in a row, managed by two people named in the geodata's old way (no managerId). */
export function oldGrids(): GeoJsonFeature[] {
  const people = [
    ['范成林', '136****9768'],
    ['左玉芬', '136****1152'],
    ['范成林', '136****9768'],
    ['左玉芬', '136****1152'],
  ] as const
  return people.map(([manager, managerPhone], i) =>
    buildGrid({
      id: `53292710100100${i + 1}`,
      bbox: [100.3 + i * 0.01, 25.22, 100.31 + i * 0.01, 25.23],
      properties: { manager, managerPhone, areaKm2: 1.1 },
    }),
  )
}

export function describeGridStore(name: string, open: () => Promise<Store>): void {
  describe(`${name} grid managers and codes`, () => {
    it('are seeded from the managers’ names when the geodata has no managerId', async () => {
      const store = await open()
      await store.loadCollections([{ def: gridsDef, features: oldGrids() }])
      expect((await store.gridManagers()).map((m) => [m.id, m.name, m.phone, m.active])).toEqual([
        ['gm-0001', '范成林', '136****9768', true],
        ['gm-0002', '左玉芬', '136****1152', true],
      ])
      const grids = await store.gridFeatures()
      expect(grids.map((g) => g.properties.managerId)).toEqual([
        'gm-0001',
        'gm-0002',
        'gm-0001',
        'gm-0002',
      ])
      // the OGC layer serves the managerId too
      const served = JSON.parse((await store.feature('grids', '532927101001001')) ?? '{}')
      expect(served.properties.managerId).toBe('gm-0001')
      expect((await store.gridCodes()).map((c) => [c.code, c.status])).toEqual(
        grids.map((g) => [g.id, 'active']),
      )
      expect(await store.gridsVersion()).toBe(1)
      await store.close()
    })

    it('take the managerId the geodata gives', async () => {
      const store = await open()
      const grids = oldGrids().map((g, i) => ({
        ...g,
        properties: { ...g.properties, managerId: i < 2 ? 'gm-0007' : null },
      }))
      await store.loadCollections([{ def: gridsDef, features: grids }])
      expect((await store.gridManagers()).map((m) => [m.id, m.name])).toEqual([
        ['gm-0007', '范成林'],
      ])
      expect((await store.gridFeatures()).map((g) => g.properties.managerId)).toEqual([
        'gm-0007',
        'gm-0007',
        null,
        null,
      ])
      await store.close()
    })

    it('retire the codes of grids that a reload dropped', async () => {
      const store = await open()
      await store.loadCollections([{ def: gridsDef, features: oldGrids() }])
      expect((await store.gridCodes()).filter((c) => c.status === 'active')).toHaveLength(4)
      await store.loadCollections([{ def: gridsDef, features: oldGrids().slice(0, 3) }])
      const codes = await store.gridCodes()
      expect(codes.find((c) => c.code === '532927101001004')?.status).toBe('retired')
      expect(codes.filter((c) => c.status === 'active')).toHaveLength(3)
      await store.close()
    })
  })

  describe(`${name} transactGrids`, () => {
    async function storeWithIssue(): Promise<Store> {
      const store = await open()
      await store.loadCollections([
        { def: gridsDef, features: oldGrids() },
        {
          def: issuesDef,
          features: [
            buildIssue({
              id: 'i-1',
              lngLat: [100.305, 25.225],
              properties: { gridCode: '532927101001001' },
            }),
          ],
        },
      ])
      return store
    }

    const actor = { username: 'admin', displayName: '系统管理员' }
    const at = '2026-11-22T08:00:00Z'

    it('writes nothing when a late step of the plan fails', async () => {
      const store = await storeWithIssue()
      const [grid] = await store.gridFeatures() // seeds managerId first
      const before = (await store.collectionStats()).get('grids')
      if (!grid) throw new Error('no grid')
      await expect(
        store.transactGrids(actor, at, undefined, () => ({
          plan: {
            removeGrids: ['532927101001002'],
            upsertGrids: [
              { ...grid, properties: { ...grid.properties, responsibleUnit: 'housing' } },
            ],
            issueEvents: [
              {
                issueId: 'no-such-issue',
                at,
                actor: 'admin',
                actorName: '系统管理员',
                role: 'admin',
                action: 'transfer',
                changes: { responsibleUnit: 'housing' },
              },
            ],
            events: [{ action: 'assign', gridCodes: [grid.id], changes: {} }],
          },
          value: null,
        })),
      ).rejects.toThrow()
      expect((await store.gridFeatures()).map((g) => g.properties.responsibleUnit)).toEqual(
        oldGrids().map((g) => g.properties?.responsibleUnit),
      )
      expect((await store.collectionStats()).get('grids')).toEqual(before)
      expect(await store.gridsVersion()).toBe(1)
      expect((await store.gridEvents({ limit: 10, offset: 0 })).total).toBe(0)
      await store.close()
    })

    it('applies a plan whole: grids, stats, issue events and the version', async () => {
      const store = await storeWithIssue()
      const result = await store.transactGrids(actor, at, 1, (view) => {
        expect(view.issuesIn(['532927101001001']).map((i) => i.id)).toEqual(['i-1'])
        return {
          plan: {
            removeGrids: ['532927101001004'],
            retiredCodes: [{ code: '532927101001004', children: [] }],
            issueEvents: [
              {
                issueId: 'i-1',
                at,
                actor: 'admin',
                actorName: '系统管理员',
                role: 'admin',
                action: 'transfer',
                changes: { responsibleUnit: 'housing' },
              },
            ],
            events: [
              {
                action: 'assign',
                gridCodes: ['532927101001001'],
                changes: { unitCode: ['a', 'housing'] },
              },
            ],
          },
          value: 'done',
        }
      })
      expect(result.value).toBe('done')
      expect(result.gridsVersion).toBe(2)
      expect(
        result.issues.map((i) => [i.state.properties.responsibleUnit, i.event.action]),
      ).toEqual([['housing', 'transfer']])
      const stats = (await store.collectionStats()).get('grids')
      expect(stats?.count).toBe(3)
      expect(stats?.bbox).toEqual([100.3, 25.22, 100.33, 25.23])
      const page = await store.features('grids', {
        bbox: [100.335, 25.225, 100.336, 25.226],
        properties: {},
        limit: 10,
        offset: 0,
      })
      expect(page.numberMatched).toBe(0) // its R*Tree entry went with it
      await expect(
        store.transactGrids(actor, at, 1, () => ({ plan: { events: [] }, value: null })),
      ).rejects.toThrow(/版本/)
      await store.close()
    })
  })
}
