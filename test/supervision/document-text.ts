// Reading the generated documents back, as a reader would: the DOCX's text and section properties
// (unzipped with fflate, parsed with xmldom) and the PDF's text and fonts (poppler's pdftotext, pdffonts).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DOMParser, type Element } from '@xmldom/xmldom'
import { strFromU8, unzipSync } from 'fflate'

const w = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'

export interface DocxReading {
  paragraphs: string[] // text of each w:p, tables included, in order
  page: { width: number; height: number } // twips
  margins: { top: number; bottom: number; left: number; right: number } // twips
  grid: { linePitch: number; type: string | null }
  eastAsiaFonts: Set<string>
  sizes: Set<number> // half-points of runs
}

export function readDocx(bytes: Uint8Array): DocxReading {
  const files = unzipSync(bytes)
  const xml = strFromU8(files['word/document.xml'] as Uint8Array)
  const doc = new DOMParser().parseFromString(xml, 'text/xml')
  const paragraphs = [...doc.getElementsByTagNameNS(w, 'p')].map((p) =>
    [...(p as Element).getElementsByTagNameNS(w, 't')].map((t) => t.textContent ?? '').join(''),
  )
  const attr = (tag: string, name: string) =>
    Number((doc.getElementsByTagNameNS(w, tag)[0] as Element | undefined)?.getAttributeNS(w, name))
  const eastAsiaFonts = new Set(
    [...doc.getElementsByTagNameNS(w, 'rFonts')]
      .map((f) => (f as Element).getAttributeNS(w, 'eastAsia'))
      .filter((f): f is string => !!f),
  )
  const sizes = new Set(
    [...doc.getElementsByTagNameNS(w, 'sz')].map((s) =>
      Number((s as Element).getAttributeNS(w, 'val')),
    ),
  )
  const grid = doc.getElementsByTagNameNS(w, 'docGrid')[0] as Element | undefined
  return {
    paragraphs,
    page: { width: attr('pgSz', 'w'), height: attr('pgSz', 'h') },
    margins: {
      top: attr('pgMar', 'top'),
      bottom: attr('pgMar', 'bottom'),
      left: attr('pgMar', 'left'),
      right: attr('pgMar', 'right'),
    },
    grid: {
      linePitch: Number(grid?.getAttributeNS(w, 'linePitch')),
      type: grid?.getAttributeNS(w, 'type') ?? null,
    },
    eastAsiaFonts,
    sizes,
  }
}

/** pdftotext and pdffonts output of the PDF; `pngPrefix` also renders page 1 with pdftoppm. */
export function readPdf(
  bytes: Uint8Array,
  pngPrefix?: string,
): { text: string; fonts: string; pages: number } {
  const dir = mkdtempSync(join(tmpdir(), 'weishan-pdf-'))
  try {
    const file = join(dir, 'doc.pdf')
    writeFileSync(file, bytes)
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' })
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
    if (pngPrefix)
      execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '2', file, pngPrefix])
    return { text, fonts, pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export interface PdfWord {
  page: number
  text: string
  xMin: number
  yMin: number
  xMax: number
  yMax: number
}

/** Each word pdftotext finds, with its box (points from the page's top left). */
export function wordsOf(pdf: Uint8Array): PdfWord[] {
  const dir = mkdtempSync(join(tmpdir(), 'weishan-pdf-words-'))
  try {
    const file = join(dir, 'doc.pdf')
    writeFileSync(file, pdf)
    const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], {
      encoding: 'utf8',
    })
    const words: PdfWord[] = []
    html.split('<page ').forEach((chunk, i) => {
      for (const m of chunk.matchAll(
        /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
      )) {
        words.push({
          page: i,
          text: m[5] ?? '',
          xMin: Number(m[1]),
          yMin: Number(m[2]),
          xMax: Number(m[3]),
          yMax: Number(m[4]),
        })
      }
    })
    return words
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

// printed over each other: side by side in x, and centres closer than half a line (the boxes of
// a CJK font are taller than the glyphs, so the boxes of two tight lines touch without a clash)
const overlap = (a: PdfWord, b: PdfWord) =>
  a.page === b.page &&
  Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin) > 1 &&
  Math.abs(a.yMin + a.yMax - b.yMin - b.yMax) / 2 < Math.min(a.yMax - a.yMin, b.yMax - b.yMin) / 2

/** Pairs of words printed over each other, as `a × b`: none in a well laid out page. */
export function overlappingWords(words: readonly PdfWord[]): string[] {
  const clashes: string[] = []
  for (const [i, a] of words.entries()) {
    for (const b of words.slice(i + 1)) if (overlap(a, b)) clashes.push(`${a.text} × ${b.text}`)
  }
  return clashes
}

/** Text without whitespace, so a line break inside a sentence does not hide it. */
export const squash = (s: string) => s.replace(/\s+/g, '')
