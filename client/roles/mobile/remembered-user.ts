// The last signed-in user on this phone, kept in localStorage so that 巡查通 also opens without a
// network: a phone closes its WebView often, and reports, notes and 整改上报 made offline are queued
// anyway. Only what the screens need (who, role, scope, permissions); forgotten on sign-out and when
// the server says nobody is signed in. The server still decides, by the session cookie, when the
// queue is sent.
import type { SessionUser } from '../../features/session/api.ts'

const storageKey = 'weishan.mobile.user'

const isStringList = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((s) => typeof s === 'string')

/** Keeps the user for offline starts; null forgets them. */
export function rememberUser(user: SessionUser | null, storage: Storage = localStorage): void {
  try {
    if (!user) {
      storage.removeItem(storageKey)
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
