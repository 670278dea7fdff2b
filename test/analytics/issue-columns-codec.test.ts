// The stored snapshot's bytes give back the same columns: every value, code, id and the extent, and
// columns that go on taking upserts afterwards. Bytes of another layout are refused, broken ones throw.
import { describe, expect, test } from 'vitest'
import {
  dictionaryNames,
  IssueColumns,
  numericColumnNames,
} from '../../server/analytics/issue-columns.ts'
import { decodeColumns, encodeColumns } from '../../server/analytics/issue-columns-codec.ts'
import { byGrid, byTownship, kpis } from '../../server/analytics/issue-tally.ts'
import type { IssueProperties } from '../../server/domain/issue.ts'
import { issueSources } from '../../server/domain/supervision.ts'
import { buildIssue, mulberry32 } from '../builders.ts'
import { now } from './fixture-ledger.ts'
import { randomIssue } from './random-issues.ts'

/** 500 seeded issues; some with a source, a 督查 round and a 问题编号, one without a point. */
function sampleColumns(): IssueColumns {
  const random = mulberry32(7)
  const features = Array.from({ length: 500 }, (_, i) => {
    const feature = randomIssue(random, `issue-${i}`, now.getTime())
    const p = feature.properties as unknown as IssueProperties
    if (i % 3 === 0) p.source = issueSources[i % issueSources.length]
    if (i % 4 === 0) p.roundId = `round-${i % 7}`
    if (i % 5 === 0) p.issueNo = `2026-${String(i).padStart(6, '0')}`
    return i === 9 ? { ...feature, geometry: null } : feature
  })
  return IssueColumns.fromFeatures(features)
}

function expectSameColumns(actual: IssueColumns, expected: IssueColumns): void {
  expect(actual.size).toBe(expected.size)
  expect(actual.ids.slice(0, actual.size)).toEqual(expected.ids.slice(0, expected.size))
  for (const name of numericColumnNames) {
    expect([...actual[name].subarray(0, actual.size)], name).toEqual([
      ...expected[name].subarray(0, expected.size),
    ])
  }
  for (const name of dictionaryNames) expect(actual[name].codes).toEqual(expected[name].codes)
  expect(actual.extent).toEqual(expected.extent)
}

describe('issue columns as bytes', () => {
  test('decoding gives back every value, code, id and the extent', async () => {
    const columns = sampleColumns()
    const decoded = (await decodeColumns(await encodeColumns(columns))) as IssueColumns
    expectSameColumns(decoded, columns)
    for (const id of ['issue-0', 'issue-9', 'issue-499']) {
      expect(decoded.rowOf(id)).toBe(columns.rowOf(id))
    }
    expect(kpis(decoded, now)).toEqual(kpis(columns, now))
    expect(byTownship(decoded, now)).toEqual(byTownship(columns, now))
    expect(byGrid(decoded, now)).toEqual(byGrid(columns, now))
  })

  test('decoded columns take upserts as the originals do: known ids in place, new ones appended', async () => {
    const columns = sampleColumns()
    const decoded = (await decodeColumns(await encodeColumns(columns))) as IssueColumns
    const changed = buildIssue({
      id: 'issue-3',
      lngLat: [100.3, 25.2],
      properties: { status: 'closed', townshipCode: '532927999', gridCode: 'new-grid' },
    })
    const added = buildIssue({ id: 'issue-new', lngLat: [100.31, 25.21] })
    for (const target of [columns, decoded]) {
      for (const f of [changed, added]) {
        target.upsert(String(f.id), f.properties as unknown as IssueProperties, [100.3, 25.2])
      }
    }
    expectSameColumns(decoded, columns)
    expect(decoded.rowOf('issue-new')).toBe(500)
  })

  test('empty columns round-trip, extent included (JSON has no Infinity)', async () => {
    const decoded = (await decodeColumns(await encodeColumns(new IssueColumns()))) as IssueColumns
    expectSameColumns(decoded, new IssueColumns())
    expect(decoded.extent[0]).toBe(Number.POSITIVE_INFINITY)
  })

  test('bytes at any alignment are read (a store need not align a BLOB for Float64Array)', async () => {
    const columns = sampleColumns()
    const shifted = (await encodeColumns(columns)).map((part) => {
      const buffer = new Uint8Array(part.byteLength + 1)
      buffer.set(part, 1)
      return buffer.subarray(1)
    })
    expectSameColumns((await decodeColumns(shifted)) as IssueColumns, columns)
  })

  test('the parts are a copy: upserts after encoding do not reach them', async () => {
    const columns = sampleColumns()
    const before = columns.reportedAt[0]
    const parts = await encodeColumns(columns)
    const properties = buildIssue().properties as unknown as IssueProperties
    columns.upsert('issue-0', { ...properties, reportedAt: '2020-01-01T00:00:00Z' })
    expect(columns.reportedAt[0]).toBe(Date.parse('2020-01-01T00:00:00Z'))
    expect(((await decodeColumns(parts)) as IssueColumns).reportedAt[0]).toBe(before)
  })

  test('bytes written under another layout are refused; parts that do not fit throw', async () => {
    const parts = await encodeColumns(sampleColumns())
    const header = JSON.parse(new TextDecoder().decode(parts[0])) as { layout: string }
    const older = { ...header, layout: header.layout.replace('issue-columns/2', 'issue-columns/1') }
    const encoder = new TextEncoder()
    expect(await decodeColumns([encoder.encode(JSON.stringify(older)), ...parts.slice(1)])).toBe(
      undefined,
    )
    await expect(decodeColumns(parts.slice(0, -1))).rejects.toThrow(RangeError)
    const short = [...parts.slice(0, 2), (parts[2] as Uint8Array).subarray(8), ...parts.slice(3)]
    await expect(decodeColumns(short)).rejects.toThrow(/column lng/)
    const ids = JSON.parse(new TextDecoder().decode(parts[1])) as string[]
    ids[1] = ids[0] as string
    const repeated = [parts[0], encoder.encode(JSON.stringify(ids)), ...parts.slice(2)]
    await expect(decodeColumns(repeated as Uint8Array[])).rejects.toThrow(/repeated/)
  })

  test('the ids go in parts of idsPerPart, with a turn between two slices of the work either way', async () => {
    const columns = sampleColumns()
    let turns = 0
    const turn = async () => {
      turns++
    }
    const parts = await encodeColumns(columns, { idsPerPart: 64, turn })
    expect(parts).toHaveLength(1 + Math.ceil(500 / 64) + numericColumnNames.length)
    expect(turns).toBe(Math.ceil(500 / 64) - 1)
    turns = 0
    expectSameColumns((await decodeColumns(parts, { turn })) as IssueColumns, columns)
    expect(turns).toBeGreaterThanOrEqual(Math.ceil(500 / 64))
  })

  test('upserts made during the turns of an encoding do not reach its parts', async () => {
    const columns = sampleColumns()
    const copy = (await decodeColumns(await encodeColumns(columns))) as IssueColumns
    const properties = buildIssue().properties as unknown as IssueProperties
    let n = 0
    const parts = await encodeColumns(columns, {
      idsPerPart: 100,
      turn: async () => {
        columns.upsert('issue-0', { ...properties, reportedAt: '2020-01-01T00:00:00Z' })
        columns.upsert(`during-${n++}`, properties, [100.3, 25.2])
      },
    })
    expect(columns.size).toBe(504)
    expectSameColumns((await decodeColumns(parts)) as IssueColumns, copy)
  })
})
