// 问题编号 as people read it: the column code decodes back to the number, and issueLabel prefers the
// number over the internal id whatever the shape it is given.
import { describe, expect, test } from 'vitest'
import {
  formatIssueNo,
  issueLabel,
  issueNoCode,
  issueNoOfCode,
} from '../../server/domain/issue-number.ts'

describe('issueNoOfCode', () => {
  test.each([['2026-000123'], ['2026-000001'], ['1999-999999'], ['2027-100000']])(
    'decodes the column code of %s back to the number',
    (issueNo) => {
      expect(issueNoOfCode(issueNoCode(issueNo))).toBe(issueNo)
    },
  )

  test.each([
    [0, 'no number (the column default)'],
    [-1, 'negative'],
    [2026.5, 'not an integer'],
    [2026_000_000, 'ordinal 0, which no number has'],
  ])('gives undefined for %s (%s)', (code) => {
    expect(issueNoOfCode(code)).toBeUndefined()
  })

  test('reads the largest code a Uint32 column holds', () => {
    const code = new Uint32Array([issueNoCode(formatIssueNo(4294, 967295))])[0] as number
    expect(issueNoOfCode(code)).toBe('4294-967295')
  })
})

describe('issueLabel', () => {
  test.each([
    [{ id: 'issue-02601', properties: { issueNo: '2026-000123' } }, '2026-000123'],
    [{ id: 'issue-02601', issueNo: '2026-000123' }, '2026-000123'],
    [{ id: 'issue-02601', issueNo: null }, 'issue-02601'],
    [{ id: 'issue-02601', properties: {} }, 'issue-02601'],
    [{ id: 'issue-02601' }, 'issue-02601'],
  ])('%o reads as %s', (issue, label) => {
    expect(issueLabel(issue)).toBe(label)
  })
})
