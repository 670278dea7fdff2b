// `npm run geodata`: rebuilds geodata/*.geojson from geodata/sources/ (and nothing else).
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildGeodataFiles } from './build-geodata-files.ts'

const geodataDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const started = performance.now()
const files = buildGeodataFiles({ sourcesDir: join(geodataDir, 'sources') })
for (const [name, text] of files) {
  writeFileSync(join(geodataDir, name), text)
  const count = text.split('\n').length - 3 // header, footer and final newline
  console.log(
    `${name.padEnd(24)} ${String(count).padStart(5)} features ${(Buffer.byteLength(text) / 1024).toFixed(0).padStart(6)} KiB`,
  )
}
console.log(`built in ${((performance.now() - started) / 1000).toFixed(1)} s`)
