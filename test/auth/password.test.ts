// scrypt password hashes: the stored format, verification, and refusing hashes that are malformed or
// would ask for absurd work. One hash at the real cost proves maxmem is set (Node's default throws).
import { describe, expect, test } from 'vitest'
import { defaultScryptCost, hashPassword, verifyPassword } from '../../server/auth/password.ts'
import { hashSecret, looksLikeSecret, newSecret } from '../../server/auth/secrets.ts'

const cheap = { N: 2 ** 10, r: 8, p: 1 }

describe('hashPassword / verifyPassword', () => {
  test('the default cost (N=2^17, r=8, p=1, 64-byte key) works: maxmem is raised', async () => {
    expect(defaultScryptCost).toEqual({ N: 131072, r: 8, p: 1 })
    const hash = await hashPassword('weishan2026')
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{86}==$/)
    expect(await verifyPassword('weishan2026', hash)).toBe(true)
  })

  test('the right password verifies, a wrong one does not; salts differ per hash', async () => {
    const a = await hashPassword('正确的密码', cheap)
    const b = await hashPassword('正确的密码', cheap)
    expect(a).not.toBe(b)
    expect(await verifyPassword('正确的密码', a)).toBe(true)
    expect(await verifyPassword('正确的密码', b)).toBe(true)
    expect(await verifyPassword('正确的密码 ', a)).toBe(false)
    expect(await verifyPassword('', a)).toBe(false)
  })

  test('a password typed composed or decomposed is the same password (NFC)', async () => {
    const hash = await hashPassword('caf\u00e9-2026', cheap)
    expect(await verifyPassword('cafe\u0301-2026', hash)).toBe(true)
  })

  test.each([
    ['', 'empty'],
    ['bcrypt$2b$10$abc', 'another scheme'],
    ['scrypt$1024$8$1$c2FsdA==', 'no key'],
    ['scrypt$1000$8$1$c2FsdA==$a2V5', 'N not a power of two'],
    ['scrypt$4194304$8$1$c2FsdA==$a2V5', 'N too large (work bomb)'],
    ['scrypt$1024$64$1$c2FsdA==$a2V5', 'r too large'],
    ['scrypt$1024$8$1$c2FsdA==$a2V5$extra', 'extra fields'],
  ])('%s (%s) never verifies', async (stored) => {
    expect(await verifyPassword('anything', stored)).toBe(false)
  })
})

describe('secrets', () => {
  test('32 random bytes as base64url; only the SHA-256 is meant for storage', () => {
    const a = newSecret()
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(looksLikeSecret(a)).toBe(true)
    expect(newSecret()).not.toBe(a)
    expect(hashSecret(a)).toMatch(/^[0-9a-f]{64}$/)
    expect(hashSecret(a)).toBe(hashSecret(a))
  })

  test.each(['', 'admin', `${'A'.repeat(43)}=`, 'A'.repeat(44), `${'A'.repeat(42)}/`])(
    '%j does not look like a secret',
    (value) => {
      expect(looksLikeSecret(value)).toBe(false)
    },
  )
})
