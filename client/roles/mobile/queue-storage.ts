// Where the offline queue keeps its jobs: IndexedDB through idb-keyval (photos are Blobs, which
// IndexedDB stores as they are), in a database of its own.
import { createStore, del, entries, set } from 'idb-keyval'
import type { Job, JobStorage } from './offline-queue.ts'

export function indexedDbJobs(): JobStorage {
  const store = createStore('weishan-m-queue', 'jobs')
  return {
    all: async () => (await entries<string, Job>(store)).map(([, job]) => job),
    put: (job) => set(job.id, job, store),
    remove: (id) => del(id, store),
  }
}
