// Per-collection download progress, reported by api.ts files and read by the layer panel.
// TanStack Query has no progress channel, so this is a tiny external store.
import { useSyncExternalStore } from 'react'
import type { LoadProgress } from './api-client.ts'

const progressById = new Map<string, LoadProgress>()
const listeners = new Set<() => void>()

export function reportProgress(collectionId: string, progress: LoadProgress): void {
  progressById.set(collectionId, progress)
  for (const listener of listeners) listener()
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function useLoadProgress(collectionId: string): LoadProgress | undefined {
  return useSyncExternalStore(subscribe, () => progressById.get(collectionId))
}
