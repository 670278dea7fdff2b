import { describe, expect, test } from 'vitest'
import { dbfEncoding } from '../../server/exchange/dbf-encoding.ts'

// a .dbf is a 32-byte header (byte 29: language driver id) followed by field descriptors and records
function dbf(text: number[], languageDriverId = 0): Uint8Array {
  const bytes = new Uint8Array(32 + text.length)
  bytes[29] = languageDriverId
  bytes.set(text, 32)
  return bytes
}
const gbk = dbf([0xc3, 0xfb, 0xb3, 0xc6]) // 名称 in GBK, invalid as UTF-8
const utf8 = dbf([...new TextEncoder().encode('名称')])
const ascii = dbf([...new TextEncoder().encode('NAME')])

describe('dbf encoding', () => {
  test.each([
    ['936', gbk, 'gbk'],
    ['936\r\n', gbk, 'gbk'],
    ['CP936', gbk, 'gbk'],
    ['ANSI 936', gbk, 'gbk'],
    ['GBK', gbk, 'gbk'],
    ['gb2312', gbk, 'gbk'],
    ['GB18030', gbk, 'gb18030'],
    ['1252', ascii, 'windows-1252'],
    ['UTF-8', utf8, 'utf-8'],
    ['65001', utf8, 'utf-8'],
    ['UTF-8', gbk, 'gbk'], // a .cpg that lies: the bytes are not UTF-8
    ['no-such-encoding', gbk, 'gbk'],
    ['no-such-encoding', utf8, 'utf-8'],
    [undefined, gbk, 'gbk'],
    [undefined, utf8, 'utf-8'],
    [undefined, ascii, 'utf-8'],
  ])('.cpg %j with those bytes decodes as %s', (cpg, bytes, expected) => {
    expect(dbfEncoding(cpg, bytes)).toBe(expected)
  })

  test('without a .cpg, language driver 0x4D (code page 936) means GBK even for ASCII bytes', () => {
    expect(dbfEncoding(undefined, dbf([...new TextEncoder().encode('NAME')], 0x4d))).toBe('gbk')
  })

  test('each answer is a label TextDecoder accepts and decodes 名称 with', () => {
    expect(new TextDecoder(dbfEncoding('936', gbk)).decode(gbk.subarray(32))).toBe('名称')
  })
})
