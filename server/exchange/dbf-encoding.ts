// Which text encoding a shapefile's .dbf uses. Chinese GIS software writes GBK, announced in a .cpg as
// "936", "CP936", "GBK" — or not at all. shpjs (parsedbf) passes the .cpg to TextDecoder, which knows none
// of the numeric forms and silently falls back to UTF-8 (mojibake), so the label is settled here first.

const byCodePage: Readonly<Record<string, string>> = {
  '936': 'gbk',
  '54936': 'gb18030',
  '65001': 'utf-8',
  '950': 'big5',
  '1252': 'windows-1252',
}

const gbkLanguageDriverId = 0x4d // byte 29 of a .dbf header: 77 = code page 936

/** A WHATWG encoding label TextDecoder accepts, for the .cpg text (if any) and the .dbf bytes. */
export function dbfEncoding(cpg: string | undefined, dbf: Uint8Array): string {
  const declared = cpg === undefined ? undefined : labelFromCpg(cpg)
  if (declared && declared !== 'utf-8') return declared
  if (cpg === undefined && dbf[29] === gbkLanguageDriverId) return 'gbk'
  // no .cpg, an unknown one, or "UTF-8" (often wrong): UTF-8 only when the bytes really are UTF-8
  return isUtf8(dbf.subarray(32)) ? 'utf-8' : 'gbk'
}

function labelFromCpg(cpg: string): string | undefined {
  const text = cpg
    .trim()
    .toLowerCase()
    .replace(/^(ansi|cp|windows-)\s*/, '')
  const label = byCodePage[text] ?? (/^\d+$/.test(text) ? `windows-${text}` : text)
  try {
    return new TextDecoder(label).encoding
  } catch {
    return undefined
  }
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return true
  } catch {
    return false
  }
}
