// GB/T 9704-2012 党政机关公文格式, the numbers both renderers use: A4, 版心 156 mm × 225 mm (天头 37 mm,
// 订口 28 mm), 22 lines of 28 characters, title 小标宋 2号, body 仿宋 3号. The font names are the ones
// the standard names (the DOCX names them; the PDF embeds open substitutes, see pdf-render.ts).

export const pageMm = { width: 210, height: 297 } // A4
export const marginsMm = { top: 37, bottom: 35, left: 28, right: 26 } // 版心 156 × 225 mm
export const textAreaMm = { width: 156, height: 225 }
export const linesPerPage = 22
export const charsPerLine = 28

export const fontSizesPt = {
  masthead: 36, // 发文机关标志 (no fixed size in the standard; smaller than 22 mm high)
  title: 22, // 2号
  body: 16, // 3号
  table: 14, // 4号
  pageNumber: 14, // 4号 半角宋体
}

/** 中文字体 the standard names: title, body, 一级标题, 二级标题. */
export const fontNames = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  latin: 'Times New Roman',
}

export const mastheadRed = 'C00000' // 红色 for 发文机关标志 and 分隔线

export const ptPerMm = 72 / 25.4
export const twipsPerMm = 1440 / 25.4

/** 225 mm over 22 lines: 28.99 pt, rounded down so 22 lines always fit. */
export const linePitchPt = Math.floor(((textAreaMm.height * ptPerMm) / linesPerPage) * 20) / 20
/** 156 mm over 28 characters: 15.79 pt per character. */
export const charPitchPt = (textAreaMm.width * ptPerMm) / charsPerLine
