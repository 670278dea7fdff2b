// `npm run geodata`: rebuilds the default place (geodata/*.geojson from geodata/sources/).
// `npm run place -- build <code>`: rebuilds geodata/places/<code>/*.geojson from its sources/.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildGeodataFiles } from './build-geodata-files.ts'
import { defaultPlaceCode, loadPlaceBuild } from './place-profile.ts'

function build(code: string): void {
  const { outDir, names } = loadPlaceBuild(code)
  const started = performance.now()
  const files = buildGeodataFiles({ place: code })
  console.log(`${names.name}（${code}）→ ${outDir}`)
  for (const [name, text] of files) {
    writeFileSync(join(outDir, name), text)
    const count = text.split('\n').length - 3 // header, footer and final newline
    console.log(
      `${name.padEnd(24)} ${String(count).padStart(5)} features ${(Buffer.byteLength(text) / 1024).toFixed(0).padStart(6)} KiB`,
    )
  }
  console.log(`built in ${((performance.now() - started) / 1000).toFixed(1)} s`)
}

const [command, code] = process.argv.slice(2)
if (command === undefined) build(defaultPlaceCode())
else if (command === 'build' && code) build(code)
else {
  console.error('用法：npm run geodata | npm run place -- build <6 位区划代码>')
  process.exit(2)
}
