import { defineConfig } from 'vitest/config'

// Test files that change what a module read at import (process.env.PLACE, vi.mock) get a fresh
// process each; the others share their worker's module cache, which halves `npm test` (most of
// an isolated run is importing the server's modules again for every file).
const ownProcess = [
  'test/http/grid-import.test.ts', // PLACE=411082 before the server's modules load
  'test/http/layer-import.test.ts', // the same
  'test/planning/planning-service.test.ts', // vi.mock of the issue index
]

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: ownProcess,
          isolate: false,
        },
      },
      { extends: true, test: { name: 'isolated', include: ownProcess } },
    ],
  },
})
