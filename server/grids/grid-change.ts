// The transaction every grid edit runs in: the caller's decision reads the grids inside the
// store's transaction (so its checks read what the write changes), and the plan it returns is
// applied whole, or — when it throws — nothing is written.

import type { User } from '../domain/roles.ts'
import { toIsoString } from '../ogc/feature-collection.ts'
import { type GridChangePlan, GridsVersionConflict, type GridView } from '../storage/grid-store.ts'
import type { Store } from '../storage/store.ts'
import { GridsConflict } from './grids-conflict.ts'

export interface Change<T> {
  gridsVersion: number
  value: T
}

export async function changeGrids<T>(
  store: Store,
  user: User,
  now: Date,
  gridsVersion: number | undefined,
  decide: (view: GridView, at: string) => { plan: GridChangePlan; value: T },
): Promise<Change<T>> {
  const at = toIsoString(now.getTime())
  try {
    const result = await store.transactGrids(
      { username: user.username, displayName: user.displayName },
      at,
      gridsVersion,
      (view) => decide(view, at),
    )
    return { gridsVersion: result.gridsVersion, value: result.value }
  } catch (error) {
    if (error instanceof GridsVersionConflict) throw new GridsConflict(error.gridsVersion)
    throw error
  }
}

/** Who an issue event the edit writes is by. */
export const actorOf = (user: User) => ({
  actor: user.username,
  actorName: user.displayName,
  role: user.role,
})

/** The fields that differ between a record and its edit, as [old, new] for the event. */
export function diff<T extends object>(
  old: T,
  next: T,
  keys: (keyof T)[],
): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {}
  for (const key of keys) {
    if (old[key] !== next[key]) changes[String(key)] = [old[key], next[key]]
  }
  return changes
}
