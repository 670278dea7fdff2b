// The PDF renderer keeps every line on the GB/T 9704 grid: no two printed words overlap, also when a
// line ends in closing marks that hang past the measure (regression: a 督查通报 example ending
// "…（县城市管理局，2026-002601）。" was wrapped again by pdfkit onto the next heading).
import { expect, test } from 'vitest'
import type { OfficialDocument } from '../../server/documents/official-document.ts'
import { toPdf } from '../../server/documents/pdf-render.ts'
import { overlappingWords, wordsOf } from '../supervision/document-text.ts'

const example =
  '涉及县城市管理局1个。典型问题：南诏镇巍山古城文华路口垃圾桶满溢，周边暴露垃圾（县城市管理局，2026-002601）。'

test('a line ending in two hanging closing marks stays one line; nothing overlaps', {
  timeout: 120_000,
}, async () => {
  const doc: OfficialDocument = {
    title: '版式回归',
    blocks: [
      { type: 'heading', level: 2, text: '（一）暴露垃圾问题1个' },
      { type: 'paragraph', text: example },
      { type: 'heading', level: 2, text: '（二）乱停乱放问题1个' },
      { type: 'paragraph', text: `${example}${example}` },
      {
        type: 'paragraph',
        text: '排名规则：按本期交办问题的按期办结率排序（多者在前）、逾期数（少者在前）。',
      },
    ],
  }
  const words = wordsOf(await toPdf(doc))
  expect(words.some((w) => w.text.includes('2026-002601'))).toBe(true)
  expect(overlappingWords(words)).toEqual([])
})
