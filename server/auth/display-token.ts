// The wall display's read-only token (指挥部大屏): random, shown once, stored as a hash.
import type { Store } from '../storage/store.ts'
import { hashSecret, newSecret } from './secrets.ts'

/** A new display token replacing any other; returns the token (only its hash is stored). */
export async function rotateDisplayToken(store: Store, now = new Date()): Promise<string> {
  const token = newSecret()
  await store.replaceDisplayTokens({
    hash: hashSecret(token),
    name: '指挥部大屏',
    createdAt: now.toISOString(),
  })
  return token
}
