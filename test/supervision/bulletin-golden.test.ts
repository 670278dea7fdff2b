// Golden 督查通报: the fixed small ledger and 上周 give a DOCX and a PDF whose text (read back with
// fflate + xmldom, and with poppler's pdftotext) has the sections, figures and ranking; the DOCX page
// is A4 with the GB/T 9704 margins and fonts; the PDF embeds a CJK font. Page images go to
// test/artifacts/supervision/ to be looked at.
import { mkdirSync, writeFileSync } from 'node:fs'
import { beforeAll, describe, expect, test } from 'vitest'
import { toDocx } from '../../server/documents/docx-render.ts'
import { twipsPerMm } from '../../server/documents/gbt9704.ts'
import { toPlainText } from '../../server/documents/official-document.ts'
import { toPdf } from '../../server/documents/pdf-render.ts'
import { previousPeriod, resolvePeriod } from '../../server/domain/period.ts'
import { bulletinContent, bulletinDocument } from '../../server/supervision/bulletin.ts'
import { periodReport } from '../../server/supervision/period-report.ts'
import { defaultSettings } from '../../server/supervision/settings.ts'
import { overlappingWords, readDocx, readPdf, squash, wordsOf } from './document-text.ts'
import { fixtureIssues, fixtureNames, weekNow } from './fixture-ledger.ts'

const artifacts = new URL('../artifacts/supervision/', import.meta.url)
const period = resolvePeriod({ kind: 'last-week' }, weekNow)
const report = periodReport(fixtureIssues(), period, previousPeriod(period), weekNow)
const content = {
  ...bulletinContent(report, fixtureNames, defaultSettings, undefined, '2026-11-23'),
  year: 2026,
  number: 16,
}
const doc = bulletinDocument(content)

// What both files must say, in this order
const expectedInOrder = [
  '督促检查情况',
  '2026年第16期',
  '文明城市创建工作督查情况通报（2026年11月16日至11月22日）',
  '一、基本情况',
  '期间共发现问题10个（上期4个，环比上升150.0%），其中督查组8个、明察暗访1个、群众举报/12345',
  '本期办结问题6个，逾期未办结3个；本期发现问题办结率60.0%（上期50.0%）',
  '二、存在的问题',
  '（一）占道经营问题5个',
  '（二）暴露垃圾问题2个',
  '南诏镇南诏农贸市场菜市场后门垃圾堆积未清运（县市场监督管理局，issue-90006）',
  '三、红黑榜',
  '红榜：县城市管理局（按期办结率75.0%，交办4个）',
  '黑榜：县市场监督管理局（按期办结率33.3%，交办3个）',
  '四、下步工作建议',
  '县市场监督管理局、县公安局交警大队要于3个工作日内完成逾期问题整改',
  '附件：各责任单位工作责任目标管理任务进展情况表',
  '各责任单位工作责任目标管理任务进展情况表',
  '报：县委、县人大常委会、县政府、县政协主要领导',
  '发：各乡镇党委、政府，县级各有关部门',
]

function expectInOrder(text: string) {
  const flat = squash(text)
  let at = 0
  for (const phrase of expectedInOrder) {
    const found = flat.indexOf(squash(phrase), at)
    expect(found, `「${phrase}」 missing or out of order`).toBeGreaterThanOrEqual(0)
    at = found
  }
}

test('the document model says it all, in order', () => {
  expectInOrder(toPlainText(doc))
})

describe('DOCX', () => {
  let docx: Uint8Array
  beforeAll(async () => {
    docx = await toDocx(doc)
    mkdirSync(artifacts, { recursive: true })
    writeFileSync(new URL('golden-bulletin.docx', artifacts), docx)
  })

  test('text read back from the DOCX has the sections, figures and ranking in order', () => {
    expectInOrder(readDocx(docx).paragraphs.join('\n'))
  })

  test('A4 with the GB/T 9704 margins: 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm', () => {
    const { page, margins } = readDocx(docx)
    const mm = (twips: number) => twips / twipsPerMm
    expect(mm(page.width)).toBeCloseTo(210, 0)
    expect(mm(page.height)).toBeCloseTo(297, 0)
    expect(mm(margins.top)).toBeCloseTo(37, 0)
    expect(mm(margins.left)).toBeCloseTo(28, 0)
    expect(mm(page.width - margins.left - margins.right)).toBeCloseTo(156, 0)
    expect(mm(page.height - margins.top - margins.bottom)).toBeCloseTo(225, 0)
  })

  test('22 lines a page on the document grid; the standard’s fonts and sizes are named', () => {
    const reading = readDocx(docx)
    const textHeightPt = (reading.page.height - reading.margins.top - reading.margins.bottom) / 20
    expect(Math.floor(textHeightPt / (reading.grid.linePitch / 20))).toBe(22)
    expect(reading.grid.type).toBe('linesAndChars')
    for (const font of ['方正小标宋简体', '仿宋_GB2312', '黑体', '楷体_GB2312']) {
      expect(reading.eastAsiaFonts).toContain(font)
    }
    expect(reading.sizes).toContain(44) // 2号 = 22 pt = 44 half-points (title)
    expect(reading.sizes).toContain(32) // 3号 = 16 pt (body)
  })
})

describe('PDF', { timeout: 120_000 }, () => {
  let pdf: Uint8Array
  beforeAll(async () => {
    pdf = await toPdf(doc) // subsetting the Noto CJK collections: seconds on a loaded machine
    mkdirSync(artifacts, { recursive: true })
    writeFileSync(new URL('golden-bulletin.pdf', artifacts), pdf)
  })

  test('pdftotext finds the sections, figures and ranking in order', () => {
    // page numbers (— 2 —) sit between the last line of a page and the first of the next
    expectInOrder(readPdf(pdf).text.replace(/—\s*\d+\s*—/g, ''))
  })

  test('pdffonts lists embedded Noto CJK fonts; pages are A4; page 1 renders to PNG', () => {
    const { fonts, pages } = readPdf(pdf, new URL('golden-bulletin-page', artifacts).pathname)
    const lines = fonts.split('\n').filter((l) => /NotoSerifCJKsc/.test(l))
    expect(lines.length).toBeGreaterThan(0)
    for (const line of lines) expect(line).toMatch(/\byes\s+yes\s+yes\b/) // emb sub uni
    expect(pages).toBeGreaterThanOrEqual(2) // the 附件 starts a page
  })

  test('no two words are printed over each other', () => {
    expect(overlappingWords(wordsOf(pdf))).toEqual([])
  })
})

test('with nothing found the period before, 基本情况 says 上期0个 once and no 环比', () => {
  const onlyThisPeriod = fixtureIssues().filter((i) => {
    const at = Date.parse(i.properties.reportedAt)
    return at >= period.startMs && at < period.endMs
  })
  const alone = periodReport(onlyThisPeriod, period, previousPeriod(period), weekNow)
  const text = bulletinContent(
    alone,
    fixtureNames,
    defaultSettings,
    undefined,
    '2026-11-23',
  ).basics.join('')
  expect(text).toContain('期间共发现问题10个（上期0个）')
  expect(text).toContain('（上期未发现问题）')
  expect(text).not.toContain('上期为零')
})
