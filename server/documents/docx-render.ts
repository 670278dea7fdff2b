// OfficialDocument → DOCX (the `docx` library), laid out per GB/T 9704-2012: A4, the standard's margins,
// a document grid of 22 lines × 28 characters, exact line spacing, and the standard's fonts named on
// every run (eastAsia), so Word and WPS print it as a 公文 where those fonts are installed.
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import { place } from '../config/place.ts'
import {
  charPitchPt,
  fontNames,
  fontSizesPt,
  linePitchPt,
  marginsMm,
  mastheadRed,
  pageMm,
  textAreaMm,
  twipsPerMm,
} from './gbt9704.ts'
import type { Block, OfficialDocument } from './official-document.ts'

const twips = (mm: number) => Math.round(mm * twipsPerMm)
const halfPoints = (pt: number) => pt * 2
const linePitchTwips = Math.round(linePitchPt * 20)
const exact = { line: linePitchTwips, lineRule: LineRuleType.EXACT }

function run(
  text: string,
  font: string,
  sizePt: number,
  extra: { bold?: boolean; color?: string } = {},
) {
  return new TextRun({
    text,
    size: halfPoints(sizePt),
    font: { eastAsia: font, ascii: fontNames.latin, hAnsi: fontNames.latin },
    ...extra,
  })
}

const body = (text: string) => run(text, fontNames.body, fontSizesPt.body)

function blockParagraphs(block: Block): (Paragraph | Table)[] {
  switch (block.type) {
    case 'masthead':
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: {
            line: Math.round(fontSizesPt.masthead * 1.3 * 20),
            lineRule: LineRuleType.EXACT,
          },
          children: [
            run(block.name, fontNames.title, fontSizesPt.masthead, { color: mastheadRed }),
          ],
        }),
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: exact,
          children: [body(block.issueLine)],
        }),
        new Paragraph({
          spacing: exact,
          tabStops: [{ type: 'right', position: twips(textAreaMm.width) }],
          border: { bottom: { style: BorderStyle.SINGLE, size: 16, color: mastheadRed, space: 4 } },
          children: [body(block.issuerLine.replace(/\s{2,}/, '\t'))],
        }),
      ]
    case 'title':
      return [
        new Paragraph({ spacing: exact, children: [] }),
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { line: Math.round(linePitchPt * 1.2 * 20), lineRule: LineRuleType.EXACT },
          children: [run(block.text, fontNames.title, fontSizesPt.title)],
        }),
        new Paragraph({ spacing: exact, children: [] }),
      ]
    case 'addressee':
      return [new Paragraph({ spacing: exact, children: [body(block.text)] })]
    case 'heading':
      return [
        new Paragraph({
          spacing: exact,
          indent: { firstLine: Math.round(charPitchPt * 2 * 20) },
          children: [
            run(
              block.text,
              block.level === 1 ? fontNames.heading1 : fontNames.heading2,
              fontSizesPt.body,
            ),
          ],
        }),
      ]
    case 'paragraph':
      return [
        new Paragraph({
          spacing: exact,
          alignment:
            block.align === 'right'
              ? AlignmentType.RIGHT
              : block.align === 'center'
                ? AlignmentType.CENTER
                : AlignmentType.JUSTIFIED,
          indent:
            block.indent === false ? undefined : { firstLine: Math.round(charPitchPt * 2 * 20) },
          children: [body(block.text)],
        }),
      ]
    case 'table': {
      const total = block.widths.reduce((a, b) => a + b, 0)
      const widths = block.widths.map((w) => Math.floor((twips(textAreaMm.width) * w) / total))
      const cell = (text: string, i: number, header: boolean) =>
        new TableCell({
          width: { size: widths[i] ?? 0, type: WidthType.DXA },
          children: [
            new Paragraph({
              alignment: AlignmentType.CENTER,
              children: [
                run(text, header ? fontNames.heading1 : fontNames.body, fontSizesPt.table),
              ],
            }),
          ],
        })
      return [
        ...(block.caption
          ? [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                spacing: exact,
                children: [run(block.caption, fontNames.title, fontSizesPt.body)],
              }),
            ]
          : []),
        new Table({
          width: { size: twips(textAreaMm.width), type: WidthType.DXA },
          columnWidths: widths,
          rows: [
            new TableRow({
              tableHeader: true,
              children: block.columns.map((c, i) => cell(c, i, true)),
            }),
            ...block.rows.map(
              (r) => new TableRow({ children: r.map((c, i) => cell(c, i, false)) }),
            ),
          ],
        }),
      ]
    }
    case 'image': {
      const px = (mm: number) => Math.round((mm * 96) / 25.4)
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [
            new ImageRun({
              type: block.format ?? 'png',
              data: block.png,
              transformation: { width: px(block.widthMm), height: px(block.heightMm) },
            }),
          ],
        }),
        ...(block.caption
          ? [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [run(block.caption, fontNames.body, fontSizesPt.table)],
              }),
            ]
          : []),
      ]
    }
    case 'record':
      return block.lines.map(
        (line, i) =>
          new Paragraph({
            spacing: exact,
            indent: { left: Math.round(charPitchPt * 20), right: Math.round(charPitchPt * 20) },
            border: {
              ...(i === 0
                ? { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 2 } }
                : {}),
              bottom: {
                style: BorderStyle.SINGLE,
                size: i === block.lines.length - 1 ? 6 : 2,
                color: '000000',
                space: 2,
              },
            },
            children: [run(line, fontNames.body, fontSizesPt.table)],
          }),
      )
    case 'pageBreak':
      return [new Paragraph({ pageBreakBefore: true, children: [] })]
  }
}

/** The DOCX bytes of the document. */
export async function toDocx(doc: OfficialDocument): Promise<Uint8Array> {
  const document = new Document({
    title: doc.title,
    creator: place.documents.creator,
    styles: {
      default: {
        document: {
          run: {
            size: halfPoints(fontSizesPt.body),
            font: { eastAsia: fontNames.body, ascii: fontNames.latin, hAnsi: fontNames.latin },
          },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: twips(pageMm.width), height: twips(pageMm.height) },
            margin: {
              top: twips(marginsMm.top),
              bottom: twips(marginsMm.bottom),
              left: twips(marginsMm.left),
              right: twips(marginsMm.right),
              footer: twips(marginsMm.bottom - 7), // 页码 7 mm below the 版心
            },
          },
          grid: {
            type: DocumentGridType.LINES_AND_CHARS,
            linePitch: linePitchTwips,
            charSpace: Math.round((charPitchPt - fontSizesPt.body) * 4096),
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ['— ', PageNumber.CURRENT, ' —'],
                    size: halfPoints(fontSizesPt.pageNumber),
                    font: '宋体',
                  }),
                ],
              }),
            ],
          }),
        },
        children: doc.blocks.flatMap(blockParagraphs),
      },
    ],
  })
  return new Uint8Array(await Packer.toBuffer(document))
}
