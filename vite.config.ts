import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { pwaPlugin } from './scripts/pwa-plugin.ts'

// The client lives in client/; the build lands in dist/ which the Express server serves.
export default defineConfig({
  root: 'client',
  base: './', // relative asset URLs: the app also works behind a reverse proxy under a sub-path
  plugins: [react(), pwaPlugin()], // pwaPlugin: manifest, icons and sw.js for /m
  build: { outDir: '../dist', emptyOutDir: true, chunkSizeWarningLimit: 3000 },
  server: { proxy: { '^/(collections|conformance|api)': 'http://127.0.0.1:8080' } },
})
