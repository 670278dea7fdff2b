// Session ids and display tokens: 32 random bytes, sent as base64url, stored only as SHA-256.
import { createHash, randomBytes } from 'node:crypto'

/** A new secret: 32 random bytes, base64url (43 characters). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url')
}

/** What the store keeps of a secret. SHA-256 suffices: the secret has 256 bits of entropy. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex')
}

/** Whether a string could be one of our secrets at all (so junk never reaches the store). */
export function looksLikeSecret(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value)
}
