// The one offline queue of the phone app, wired to the ledger API and IndexedDB, and the hook that
// shows its jobs. Writes go here when the phone is offline or the request finds no network.
import { useSyncExternalStore } from 'react'
import {
  addNote,
  createIssue,
  transitionIssue,
  uploadAttachment,
} from '../../features/issues/api.ts'
import { type Job, type JobWrite, newJob, OfflineQueue } from './offline-queue.ts'
import { indexedDbJobs } from './queue-storage.ts'
import { shrinkPhoto } from './shrink-photo.ts'

export const fieldQueue = new OfflineQueue(indexedDbJobs(), {
  createIssue: (issue, key) => createIssue(issue, { idempotencyKey: key }),
  uploadAttachment: (issueId, photo, key) =>
    uploadAttachment(issueId, photo, { idempotencyKey: key }),
  addNote: (issueId, note, ids, key) => addNote(issueId, note, ids, { idempotencyKey: key }),
  rectify: (issueId, body, key) =>
    transitionIssue(issueId, { action: 'rectify', ...body }, '整改上报', { idempotencyKey: key }),
})

/** Queues a write; its photos are shrunk now, so every retry sends the very same bytes. */
type WriteWithFiles = JobWrite extends infer W
  ? W extends JobWrite
    ? Omit<W, 'photos'> & { photos: readonly File[] }
    : never
  : never

export async function queueWrite(write: WriteWithFiles): Promise<Job> {
  const photos = await Promise.all(write.photos.map(shrinkPhoto))
  const job = newJob({ ...write, photos } as JobWrite, new Date())
  await fieldQueue.add(job)
  return job
}

let snapshot: readonly Job[] = []
const subscribe = (onChange: () => void) =>
  fieldQueue.subscribe((jobs) => {
    snapshot = jobs
    onChange()
  })

export function useQueuedJobs(): readonly Job[] {
  return useSyncExternalStore(subscribe, () => snapshot)
}

/** Whether to queue instead of sending now: the browser says it is offline. */
export function isOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false
}
