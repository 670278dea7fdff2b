// An official document (公文) as a list of blocks, the one model both renderers read (docx-render.ts,
// pdf-render.ts), so the DOCX and the PDF print the same words. Pure data, no layout.

export type Block =
  /** 版头: 发文机关标志 (red, large), then 期号 and the 机关 / 日期 line, then the red 分隔线 */
  | { type: 'masthead'; name: string; issueLine: string; issuerLine: string }
  | { type: 'title'; text: string } // 标题, 小标宋 2号, centred
  | { type: 'addressee'; text: string } // 主送机关, flush left
  | { type: 'heading'; level: 1 | 2; text: string } // 一、黑体 / （一）楷体
  | { type: 'paragraph'; text: string; align?: 'left' | 'right' | 'center'; indent?: boolean }
  | { type: 'table'; caption?: string; columns: string[]; widths: number[]; rows: string[][] }
  | {
      type: 'image'
      png: Uint8Array // the bytes; PNG unless `format` says JPEG
      format?: 'png' | 'jpg'
      widthMm: number
      heightMm: number
      caption?: string
    }
  /** 版记: 抄送 / 报 / 发 lines between thin rules, at the end */
  | { type: 'record'; lines: string[] }
  | { type: 'pageBreak' }

export interface OfficialDocument {
  title: string // document metadata title
  blocks: Block[]
}

/** The plain text of the document, one block per line: what extraction from either file should find. */
export function toPlainText(doc: OfficialDocument): string {
  return doc.blocks.flatMap(blockText).join('\n')
}

function blockText(b: Block): string[] {
  switch (b.type) {
    case 'masthead':
      return [b.name, b.issueLine, b.issuerLine]
    case 'title':
    case 'addressee':
    case 'heading':
    case 'paragraph':
      return [b.text]
    case 'table':
      return [
        ...(b.caption ? [b.caption] : []),
        b.columns.join(' '),
        ...b.rows.map((r) => r.join(' ')),
      ]
    case 'image':
      return b.caption ? [b.caption] : []
    case 'record':
      return b.lines
    case 'pageBreak':
      return []
  }
}
