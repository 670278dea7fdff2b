// Password hashes with scrypt (node:crypto), stored as scrypt$N$r$p$salt$hash (salt and hash base64).
// Async only: at the default cost one hash takes ~400 ms of a libuv thread, never the event loop.
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto'

export interface ScryptCost {
  N: number // CPU/memory cost, a power of two
  r: number // block size
  p: number // parallelism
}

export const defaultScryptCost: ScryptCost = { N: 2 ** 17, r: 8, p: 1 } // 128 MiB, ~400 ms

const keyBytes = 64
const saltBytes = 16
// the default maxmem (32 MiB) rejects N=2^15 already; 128·N·r = 128 MiB at the default cost
const maxmem = 256 * 1024 * 1024
const maxN = 2 ** 20 // a stored hash may not ask for more than this (1 GiB at r=8 would not fit anyway)

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem }
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyBytes, options, (err, key) =>
      err ? reject(err) : resolve(key),
    )
  })
}

/** A new salted hash of the password, in the stored format. */
export async function hashPassword(
  password: string,
  cost: ScryptCost = defaultScryptCost,
): Promise<string> {
  const salt = randomBytes(saltBytes)
  const key = await derive(password, salt, cost)
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join(
    '$',
  )
}

/** Whether the password matches a stored hash; false for a malformed one. Constant-time compare. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored)
  if (!parsed) return false
  const key = await derive(password, parsed.salt, parsed.cost)
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key)
}

function parseHash(stored: string): { cost: ScryptCost; salt: Buffer; key: Buffer } | undefined {
  const [scheme, n, r, p, salt, key, ...rest] = stored.split('$')
  if (scheme !== 'scrypt' || rest.length > 0 || !salt || !key) return undefined
  const cost = { N: Number(n), r: Number(r), p: Number(p) }
  const powerOfTwo = Number.isInteger(Math.log2(cost.N))
  if (!powerOfTwo || cost.N < 2 || cost.N > maxN) return undefined
  if (!Number.isInteger(cost.r) || cost.r < 1 || cost.r > 32) return undefined
  if (!Number.isInteger(cost.p) || cost.p < 1 || cost.p > 16) return undefined
  return { cost, salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') }
}
