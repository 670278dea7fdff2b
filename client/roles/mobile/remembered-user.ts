// The last signed-in user on this phone, kept in localStorage so that 巡查通 also opens without a
// network: a phone closes its WebView often, and reports, notes and 整改上报 made offline are queued
// anyway. Only what the screens need (who, role, scope, permissions); forgotten on sign-out and when
// the server says nobody is signed in. The server still decides, by the session cookie, when the
// queue is sent. With the user, the 督查轮次 they record into (names and dates only), so a report made
// offline during a 明察暗访 still goes into its round.

import type { Round } from '../../../server/domain/supervision.ts'
import type { SessionUser } from '../../features/session/api.ts'

const storageKey = 'weishan.mobile.user'
const roundsKey = 'weishan.mobile.rounds'

/** What a report needs of a round, kept on the phone. */
export type RememberedRound = Pick<Round, 'id' | 'name' | 'startsOn' | 'endsOn'>

const isStringList = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((s) => typeof s === 'string')

/** Keeps the user for offline starts; null forgets them. */
export function rememberUser(user: SessionUser | null, storage: Storage = localStorage): void {
  try {
    if (!user) {
      storage.removeItem(storageKey)
      storage.removeItem(roundsKey)
      return
    }
    const { username, displayName, role, unitCode, gridCodes, permissions } = user
    storage.setItem(
      storageKey,
      JSON.stringify({ username, displayName, role, unitCode, gridCodes, permissions }),
    )
  } catch {
    // private mode or storage full: the app just needs the network to open
  }
}

/** The user remembered on this phone, or undefined (none, or a value this version cannot read). */
export function rememberedUser(storage: Storage = localStorage): SessionUser | undefined {
  try {
    const v = JSON.parse(storage.getItem(storageKey) ?? 'null') as Partial<SessionUser> | null
    if (
      !v ||
      typeof v.username !== 'string' ||
      typeof v.displayName !== 'string' ||
      typeof v.role !== 'string' ||
      !isStringList(v.permissions) ||
      (v.unitCode !== undefined && typeof v.unitCode !== 'string') ||
      (v.gridCodes !== undefined && !isStringList(v.gridCodes))
    )
      return undefined
    return {
      username: v.username,
      displayName: v.displayName,
      role: v.role,
      permissions: v.permissions,
      ...(v.unitCode !== undefined ? { unitCode: v.unitCode } : {}),
      ...(v.gridCodes !== undefined ? { gridCodes: v.gridCodes } : {}),
    }
  } catch {
    return undefined
  }
}

/** Keeps the rounds the remembered user may record into (call after they were fetched). */
export function rememberRounds(
  rounds: readonly RememberedRound[],
  storage: Storage = localStorage,
): void {
  try {
    const username = rememberedUser(storage)?.username
    if (!username) return
    const kept = rounds.map(({ id, name, startsOn, endsOn }) => ({ id, name, startsOn, endsOn }))
    storage.setItem(roundsKey, JSON.stringify({ username, rounds: kept }))
  } catch {
    // as above: without storage an offline report just goes without its round
  }
}

/** The rounds kept for the remembered user, or undefined (none, another user's, unreadable). */
export function rememberedRounds(storage: Storage = localStorage): RememberedRound[] | undefined {
  try {
    const v = JSON.parse(storage.getItem(roundsKey) ?? 'null') as {
      username?: unknown
      rounds?: unknown
    } | null
    if (!v || v.username !== rememberedUser(storage)?.username || !Array.isArray(v.rounds))
      return undefined
    const text = (r: Record<string, unknown>, k: string) => typeof r[k] === 'string'
    const rounds = v.rounds as Record<string, unknown>[]
    return rounds.every((r) => r && ['id', 'name', 'startsOn', 'endsOn'].every((k) => text(r, k)))
      ? (rounds as unknown as RememberedRound[])
      : undefined
  } catch {
    return undefined
  }
}
