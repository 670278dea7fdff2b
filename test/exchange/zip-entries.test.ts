import { strToU8, zipSync } from 'fflate'
import { describe, expect, test } from 'vitest'
import { readZipEntries } from '../../server/exchange/zip-entries.ts'

const limits = { maxEntries: 10, maxUncompressedBytes: 1024 * 1024 }

describe('bounded unzip', () => {
  test('returns every file, deflated or stored, and skips folders', () => {
    const zip = zipSync({
      'a.txt': strToU8('你好'),
      'b/': {},
      'b/c.bin': [new Uint8Array(5000), { level: 0 }],
    })
    const entries = readZipEntries(zip, limits)
    expect([...entries.keys()]).toEqual(['a.txt', 'b/c.bin'])
    expect(new TextDecoder().decode(entries.get('a.txt'))).toBe('你好')
    expect(entries.get('b/c.bin')?.length).toBe(5000)
  })

  test('stops a bomb that declares its true size', () => {
    const bomb = zipSync({ 'zeros.bin': new Uint8Array(5 * 1024 * 1024) })
    expect(() => readZipEntries(bomb, limits)).toThrow(
      '压缩包解压后超过 1 MB，已拒绝（可能是压缩炸弹）',
    )
  })

  test('stops a bomb whose headers claim 100 bytes, by counting what actually inflates', () => {
    const bomb = zipSync({ 'zeros.bin': new Uint8Array(5 * 1024 * 1024) })
    const view = new DataView(bomb.buffer)
    view.setUint32(22, 100, true) // local header: uncompressed size
    const central = bomb.findLastIndex(
      (_, i) => i + 4 <= bomb.length && view.getUint32(i, true) === 0x02014b50,
    )
    view.setUint32(central + 24, 100, true) // central directory: uncompressed size
    expect(() => readZipEntries(bomb, limits)).toThrow('可能是压缩炸弹')
  })

  test('refuses more entries than allowed', () => {
    const many = Object.fromEntries(
      Array.from({ length: 11 }, (_, i) => [`${i}.txt`, strToU8('x')]),
    )
    expect(() => readZipEntries(zipSync(many), limits)).toThrow('压缩包内文件过多（超过 10 个）')
  })

  test.each([
    ['not a zip', strToU8('hello'), '不是有效的 zip 压缩包'],
    [
      'a truncated zip',
      zipSync({ 'a.txt': strToU8('a'), 'b.txt': strToU8('b') }).subarray(0, 60),
      '不完整',
    ],
    ['an empty zip', zipSync({}), '压缩包是空的'],
  ])('refuses %s', (_, bytes, message) => {
    expect(() => readZipEntries(bytes, limits)).toThrow(message)
  })
})
