// OfficialDocument → PDF (pdfkit) on the GB/T 9704 grid: A4, 版心 156 × 225 mm, 22 lines per page at a
// fixed pitch, lines broken at 28 full-width characters. Fonts are embedded (subset) from the open Noto
// CJK collections that Debian's fonts-noto-cjk installs, so the PDF needs no network and no other font:
// Noto Serif CJK SC Bold stands in for 小标宋, Regular for 仿宋 and 楷体, Noto Sans CJK SC for 黑体.
import { existsSync, readFileSync } from 'node:fs'
import PDFDocument from 'pdfkit'
import { place } from '../config/place.ts'
import {
  charPitchPt,
  fontSizesPt,
  linePitchPt,
  linesPerPage,
  marginsMm,
  mastheadRed,
  pageMm,
  ptPerMm,
  textAreaMm,
} from './gbt9704.ts'
import type { Block, OfficialDocument } from './official-document.ts'

export const notoDir = '/usr/share/fonts/opentype/noto' // fonts-noto-cjk

export interface PdfFonts {
  serif: [file: string, face: string]
  serifBold: [file: string, face: string]
  sans: [file: string, face: string]
}

export const defaultPdfFonts: PdfFonts = {
  serif: [`${notoDir}/NotoSerifCJK-Regular.ttc`, 'NotoSerifCJKsc-Regular'],
  serifBold: [`${notoDir}/NotoSerifCJK-Bold.ttc`, 'NotoSerifCJKsc-Bold'],
  sans: [`${notoDir}/NotoSansCJK-Regular.ttc`, 'NotoSansCJKsc-Regular'],
}

/** Thrown when a font file is missing: install fonts-noto-cjk (scripts/ensure-test-deps.sh does). */
export class FontMissing extends Error {
  override name = 'FontMissing'
}

const pt = (mm: number) => mm * ptPerMm
const left = pt(marginsMm.left)
const top = pt(marginsMm.top)
const width = pt(textAreaMm.width)
const height = pt(textAreaMm.height)
const ascii = /[0-9A-Za-z.%-]/
const noLineEnd = new Set('（《「『“‘(')
const noLineStart = new Set('，。、；：！？）》」』”’%．,.;:!?)')

type Face = keyof PdfFonts

class Layout {
  private line = 0 // next free line on the page, 0 … linesPerPage − 1
  private page = 1
  readonly pdf: PDFKit.PDFDocument

  constructor(pdf: PDFKit.PDFDocument) {
    this.pdf = pdf
    this.pageNumber()
  }

  /** Greedy line breaking by measured width; a closing mark never starts a line. */
  wrap(
    text: string,
    face: Face,
    sizePt: number,
    firstIndentPt: number,
    maxWidth = width,
  ): string[] {
    this.pdf.font(face).fontSize(sizePt)
    const lines: string[] = []
    let current = ''
    let limit = maxWidth - firstIndentPt
    for (const ch of text) {
      if (ch === '\n') {
        lines.push(current)
        current = ''
        limit = maxWidth
        continue
      }
      const next = current + ch
      if (this.pdf.widthOfString(next) > limit + 0.5 && current !== '' && !noLineStart.has(ch)) {
        // numbers and Latin words (50.0%, issue-00012) move to the next line whole
        const run = ascii.test(ch) ? (/[0-9A-Za-z.%-]+$/.exec(current)?.[0] ?? '') : ''
        const opening = noLineEnd.has(current.at(-1) ?? '') && current.length > 1 ? 1 : 0
        if (run && run.length < current.length) {
          lines.push(current.slice(0, -run.length))
          current = run + ch
        } else if (opening) {
          // an opening mark never ends a line: it moves down with what it opens
          lines.push(current.slice(0, -1))
          current = current.slice(-1) + ch
        } else {
          lines.push(current)
          current = ch
        }
        limit = maxWidth
      } else {
        current = next
      }
    }
    lines.push(current)
    return lines
  }

  ensure(lines: number): void {
    if (this.line + lines > linesPerPage) this.newPage()
  }

  newPage(): void {
    this.pdf.addPage()
    this.page++
    this.line = 0
    this.pageNumber()
  }

  /** y of the top of the next line, and advances by `lines`. */
  take(lines = 1): number {
    this.ensure(Math.min(lines, linesPerPage))
    const y = top + this.line * linePitchPt
    this.line += lines
    return y
  }

  skip(lines: number): void {
    this.line = Math.min(linesPerPage, this.line + lines)
  }

  get lineIndex(): number {
    return this.line
  }

  get atPageTop(): boolean {
    return this.line === 0
  }

  text(
    s: string,
    face: Face,
    sizePt: number,
    x: number,
    y: number,
    options: PDFKit.Mixins.TextOptions = {},
  ) {
    // centre the glyphs in the line pitch
    this.pdf
      .font(face)
      .fontSize(sizePt)
      .text(s, x, y + (linePitchPt - sizePt) / 2, { lineBreak: false, ...options })
  }

  paragraph(
    text: string,
    face: Face,
    sizePt: number,
    align: 'left' | 'right' | 'center' | 'justify',
    indent: boolean,
  ) {
    const indentPt = indent ? charPitchPt * 2 : 0
    const lines = this.wrap(text, face, sizePt, indentPt)
    lines.forEach((l, i) => {
      const y = this.take()
      const x = left + (i === 0 ? indentPt : 0)
      const w = width - (i === 0 ? indentPt : 0)
      const last = i === lines.length - 1
      // a line holding hanging closing marks (one or more) is wider than the measure: print it as
      // it is, in a box as wide as the line, or pdfkit breaks it again onto the next grid line
      const measured = this.pdf.font(face).fontSize(sizePt).widthOfString(l)
      const over = measured > w
      this.text(l, face, sizePt, x, y, {
        width: over ? measured + 1 : w,
        align: over ? 'left' : align === 'justify' ? (last ? 'left' : 'justify') : align,
      })
    })
  }

  private pageNumber(): void {
    // 页码: 4号, centred, 7 mm below the 版心, "— 1 —"
    this.pdf
      .font('serif')
      .fontSize(fontSizesPt.pageNumber)
      .text(`— ${this.page} —`, left, top + height + pt(7) - fontSizesPt.pageNumber / 2, {
        width,
        align: 'center',
        lineBreak: false,
      })
  }
}

function drawBlock(layout: Layout, block: Block): void {
  const { pdf } = layout
  switch (block.type) {
    case 'masthead': {
      const y = layout.take(2)
      pdf
        .fillColor(`#${mastheadRed}`)
        .font('serifBold')
        .fontSize(fontSizesPt.masthead)
        .text(block.name, left, y + linePitchPt - fontSizesPt.masthead / 2, {
          width,
          align: 'center',
          lineBreak: false,
        })
      pdf.fillColor('black')
      layout.text(block.issueLine, 'serif', fontSizesPt.body, left, layout.take(), {
        width,
        align: 'center',
      })
      const y2 = layout.take()
      const [issuer, date] = block.issuerLine.split(/\s{2,}/)
      layout.text(issuer ?? '', 'serif', fontSizesPt.body, left + charPitchPt, y2)
      if (date)
        layout.text(date, 'serif', fontSizesPt.body, left, y2, {
          width: width - charPitchPt,
          align: 'right',
        })
      const ruleY = y2 + linePitchPt + 2
      pdf
        .moveTo(left, ruleY)
        .lineTo(left + width, ruleY)
        .lineWidth(1.5)
        .strokeColor(`#${mastheadRed}`)
        .stroke()
      pdf.strokeColor('black')
      return
    }
    case 'title': {
      layout.skip(1)
      const lines = layout.wrap(
        block.text,
        'serifBold',
        fontSizesPt.title,
        0,
        width - charPitchPt * 2,
      )
      for (const l of lines)
        layout.text(l, 'serifBold', fontSizesPt.title, left, layout.take(), {
          width,
          align: 'center',
        })
      layout.skip(1)
      return
    }
    case 'addressee':
      layout.paragraph(block.text, 'serif', fontSizesPt.body, 'left', false)
      return
    case 'heading':
      layout.paragraph(
        block.text,
        block.level === 1 ? 'sans' : 'serif',
        fontSizesPt.body,
        'left',
        true,
      )
      return
    case 'paragraph':
      layout.paragraph(
        block.text,
        'serif',
        fontSizesPt.body,
        block.align ?? 'justify',
        block.indent !== false && (block.align ?? 'justify') === 'justify',
      )
      return
    case 'table': {
      if (block.caption)
        layout.paragraph(block.caption, 'serifBold', fontSizesPt.body, 'center', false)
      const total = block.widths.reduce((a, b) => a + b, 0)
      const widths = block.widths.map((w) => (width * w) / total)
      const size = fontSizesPt.table - 2 // 小四 in the cells so a row stays one line of the grid
      const drawRow = (cells: string[], face: Face) => {
        const wrapped = cells.map((c, i) => layout.wrap(c, face, size, 0, (widths[i] ?? 0) - 4))
        const rows = Math.max(1, ...wrapped.map((w) => w.length))
        const lineH = linePitchPt * 0.75
        const lines = Math.ceil((rows * lineH) / linePitchPt)
        const y = layout.take(lines)
        let x = left
        wrapped.forEach((cellLines, i) => {
          const w = widths[i] ?? 0
          pdf
            .rect(x, y, w, lines * linePitchPt)
            .lineWidth(0.5)
            .stroke()
          const offset = (lines * linePitchPt - cellLines.length * lineH) / 2
          cellLines.forEach((l, k) => {
            pdf
              .font(face)
              .fontSize(size)
              .text(l, x + 2, y + offset + k * lineH + (lineH - size) / 2, {
                width: w - 4,
                align: 'center',
                lineBreak: false,
              })
          })
          x += w
        })
      }
      drawRow(block.columns, 'sans')
      for (const row of block.rows) drawRow(row, 'serif')
      return
    }
    case 'image': {
      const lines = Math.ceil(pt(block.heightMm) / linePitchPt)
      const y = layout.take(lines)
      pdf.image(Buffer.from(block.png), left + (width - pt(block.widthMm)) / 2, y, {
        width: pt(block.widthMm),
        height: pt(block.heightMm),
      })
      if (block.caption)
        layout.paragraph(block.caption, 'serif', fontSizesPt.table, 'center', false)
      return
    }
    case 'record': {
      // 版记 sits at the foot of the last page, between rules
      layout.ensure(block.lines.length + 1)
      layout.skip(Math.max(0, linesPerPage - block.lines.length - layout.lineIndex))
      block.lines.forEach((l, i) => {
        const y = layout.take()
        const w = i === 0 ? 1 : 0.5
        pdf
          .moveTo(left, y)
          .lineTo(left + width, y)
          .lineWidth(w)
          .stroke()
        layout.text(l, 'serif', fontSizesPt.table, left + charPitchPt, y)
        if (i === block.lines.length - 1) {
          pdf
            .moveTo(left, y + linePitchPt)
            .lineTo(left + width, y + linePitchPt)
            .lineWidth(1)
            .stroke()
        }
      })
      return
    }
    case 'pageBreak':
      if (!layout.atPageTop) layout.newPage()
      return
  }
}

// The Noto collections are ~70 MB together: read once per process, not once per document
const fontFiles = new Map<string, Buffer>()
function fontBytes(file: string): Buffer {
  let bytes = fontFiles.get(file)
  if (!bytes) {
    bytes = readFileSync(file)
    fontFiles.set(file, bytes)
  }
  return bytes
}

/** The PDF bytes of the document. Throws FontMissing when the CJK fonts are not installed. */
export async function toPdf(
  doc: OfficialDocument,
  fonts: PdfFonts = defaultPdfFonts,
): Promise<Uint8Array> {
  for (const [file] of Object.values(fonts)) {
    if (!existsSync(file)) throw new FontMissing(`缺少字体文件 ${file}（请安装 fonts-noto-cjk）`)
  }
  const pdf = new PDFDocument({
    size: [pt(pageMm.width), pt(pageMm.height)],
    margins: { top: 0, bottom: 0, left: 0, right: 0 }, // placement is explicit; no automatic pages
    autoFirstPage: true,
    info: { Title: doc.title, Creator: place.documents.creator },
  })
  for (const [name, [file, face]] of Object.entries(fonts)) {
    pdf.registerFont(name, fontBytes(file), face)
  }
  const chunks: Buffer[] = []
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<void>((resolve, reject) => {
    pdf.on('end', () => resolve())
    pdf.on('error', reject)
  })
  const layout = new Layout(pdf)
  for (const block of doc.blocks) drawBlock(layout, block)
  pdf.end()
  await done
  return new Uint8Array(Buffer.concat(chunks))
}
