import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { pwaPlugin } from './scripts/pwa-plugin.ts'

// Libraries each get their own chunk, so no chunk passes 1 MB minified (MapLibre's own aside) and a
// screen that lazily loads its code (route-level split) pulls only the libraries it uses.
const libraryChunks: [name: string, test: RegExp][] = [
  // Vite's helper for preloading lazy chunks: left unassigned, rolldown put it in the deck.gl chunk,
  // which made every page (deck.gl or not) download and parse that 1 MB chunk before starting
  ['preload-helper', /vite[\\/]preload-helper/],
  ['maplibre', /node_modules[\\/]maplibre-gl[\\/]/],
  ['deckgl', /node_modules[\\/]@(deck\.gl|luma\.gl|loaders\.gl|math\.gl|probe\.gl)[\\/]/],
  ['echarts', /node_modules[\\/](echarts|zrender)[\\/]/],
  [
    'turf',
    /node_modules[\\/](@turf|jsts|polyclip-ts|concaveman|rbush|sweepline-intersections)[\\/]/,
  ],
  ['terra-draw', /node_modules[\\/]terra-draw/],
  ['spreadsheet', /node_modules[\\/](read-excel-file|write-excel-file|fflate|papaparse)[\\/]/],
  ['react', /node_modules[\\/](react|react-dom|scheduler|@tanstack)[\\/]/],
]

// The client lives in client/; the build lands in dist/ which the Express server serves.
export default defineConfig({
  root: 'client',
  base: './', // relative asset URLs: the app also works behind a reverse proxy under a sub-path
  plugins: [react(), pwaPlugin()], // pwaPlugin: manifest, icons and sw.js for /m
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1100, // kB: MapLibre's own chunk is ≈ 1,080 kB; e2e:million holds the others to 1,024
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: libraryChunks.map(([name, test]) => ({ name, test })),
        },
      },
    },
  },
  server: { proxy: { '^/(collections|conformance|api)': 'http://127.0.0.1:8080' } },
})
