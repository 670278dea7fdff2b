import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { findCollection } from '../../server/collections.ts'
import {
  demoSeedNow,
  demoShiftDays,
  loadGeodata,
  shiftTimes,
} from '../../server/storage/load-geodata.ts'
import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'
import { buildCheckpoint, buildIssue } from '../builders.ts'

const issues = findCollection('issues')
const checkpoints = findCollection('checkpoints')
if (!issues || !checkpoints) throw new Error('collections.ts lost issues or checkpoints')

describe('demo time rebasing', () => {
  test.each([
    ['2026-11-22T00:00:00Z', 0],
    ['2026-11-22T11:59:00Z', 0],
    ['2026-11-22T12:00:00Z', 0],
    ['2026-11-22T23:59:00Z', 0],
    ['2026-11-23T00:00:00Z', 1],
    ['2026-12-01T08:00:00Z', 9],
    ['2027-03-01T00:00:00Z', 99],
    ['2026-11-20T00:00:00Z', -2],
  ])('loading at %s shifts by %d whole days', (now, days) => {
    expect(demoShiftDays(new Date(now), demoSeedNow)).toBe(days)
  })

  test.each(['2026-11-22T12:00:00Z', '2026-11-22T23:59:59Z', '2027-01-15T18:30:00Z'])(
    'the seed now shifted for a load at %s is never later than the load time',
    (now) => {
      const shifted = demoSeedNow.getTime() + demoShiftDays(new Date(now)) * 86_400_000
      expect(shifted).toBeLessThanOrEqual(Date.parse(now))
    },
  )

  test('every issue time moves by the shift and keeps its precision; other properties stay', () => {
    const closed = buildIssue({
      properties: {
        status: 'closed',
        reportedAt: '2026-11-01T02:00:00Z',
        updatedAt: '2026-11-03T02:00:00.500Z',
        deadlineAt: '2026-11-04T02:00:00Z',
        closedAt: '2026-11-03T02:00:00Z',
      },
    })
    const [shifted] = shiftTimes([closed], ['reportedAt', 'updatedAt', 'deadlineAt', 'closedAt'], 3)
    expect(shifted?.properties).toEqual({
      ...closed.properties,
      reportedAt: '2026-11-04T02:00:00Z',
      updatedAt: '2026-11-06T02:00:00.500Z',
      deadlineAt: '2026-11-07T02:00:00Z',
      closedAt: '2026-11-06T02:00:00Z',
    })
    expect(closed.properties?.reportedAt).toBe('2026-11-01T02:00:00Z') // input untouched
  })
})

describe('loading geodata files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'weishan-geodata-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const write = (id: string, features: unknown[]) =>
    writeFileSync(
      join(dir, `${id}.geojson`),
      JSON.stringify({ type: 'FeatureCollection', features }),
    )
  write('issues', [buildIssue({ id: 'i1', properties: { reportedAt: '2026-11-01T02:00:00Z' } })])
  write('checkpoints', [buildCheckpoint({ id: 'c1' }), buildCheckpoint({ id: 'c2' })])

  test('loads every file present, reports the missing ones, and can keep times as generated', async () => {
    const store = await openSqliteStore(':memory:')
    const report = await loadGeodata(store, { dir, rebaseTo: false })
    expect(report.loaded).toEqual([
      { id: 'checkpoints', count: 2 },
      { id: 'issues', count: 1 },
    ])
    expect(report.missing).toContain('county')
    expect(report.shiftDays).toBe(0)
    expect(await store.feature('issues', 'i1')).toContain('"reportedAt":"2026-11-01T02:00:00Z"')
    await store.close()
  })

  test('rebasing to a later start moves issue times but not other collections', async () => {
    const store = await openSqliteStore(':memory:')
    const report = await loadGeodata(store, {
      dir,
      collections: [issues, checkpoints],
      rebaseTo: new Date('2026-12-02T09:00:00Z'),
    })
    expect(report.shiftDays).toBe(10)
    expect(await store.feature('issues', 'i1')).toContain('"reportedAt":"2026-11-11T02:00:00Z"')
    expect((await store.collectionStats()).get('issues')?.temporal?.[0]).toBe(
      Date.parse('2026-11-11T02:00:00Z'),
    )
    await store.close()
  })

  test('a file that is not a FeatureCollection fails the load with its name', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'weishan-bad-'))
    writeFileSync(join(bad, 'issues.geojson'), '{"type":"Feature"}')
    const store = await openSqliteStore(':memory:')
    await expect(
      loadGeodata(store, { dir: bad, collections: [issues], rebaseTo: false }),
    ).rejects.toThrow(/issues\.geojson/)
    await store.close()
    rmSync(bad, { recursive: true, force: true })
  })
})
