// Hostile imports, generated here and sent to a running app: a KMZ bomb (514k placemarks), a big
// KML, a zipped Shapefile of 2.5M records and an XLSX of 1.2M rows. Each must be answered 4xx within
// 5 s, a small request sent meanwhile must be answered within 200 ms of the slowest one answered with
// no upload running (the machine's own load is not the import's fault), the process RSS must not grow
// by 300 MB, and nothing may be imported.
//
//   npm run bench:hostile             the four files at the sizes the attack report used
//   npm run bench:hostile -- --short  the same files (they are the point), fewer pings per upload,
//                                     time bounds × 3 for a loaded CI machine
//
// Not a unit test: the bounds are about time and memory on a real process. They are generous (the
// files are refused by counting in well under a second on an idle laptop) but meaningful: the
// unhardened server took 34–120 s, 1–2 GB, and blocked every other request meanwhile.
import { strToU8, zipSync } from 'fflate'
import { startLedgerApp } from '../http/ledger-app.ts'

const short = process.argv.includes('--short')
// CI's short run allows 3× the time: a loaded CI machine triples times (it missed 200 ms by 9 ms
// at load 3 on 2 cores); the unhardened server still fails it by minutes. The full run is strict.
const slack = short ? 3 : 1
const bounds = {
  answerMs: 5000 * slack, // the upload's 4xx
  pingMs: 200 * slack, // the slowest other request during the upload, over the slowest one while idle
  rssGrowthMb: 300, // peak RSS during the upload over the RSS before it
}
const pingEveryMs = short ? 50 : 20

function placemarks(n: number): string {
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>',
  ]
  for (let i = 0; i < n; i++) {
    parts.push(
      `<Placemark><name>点位${i}</name><ExtendedData><Data name="类别"><value>农贸市场</value></Data></ExtendedData><Point><coordinates>100.3${i % 1000},25.2${i % 997},0</coordinates></Point></Placemark>`,
    )
  }
  parts.push('</Document></kml>')
  return parts.join('')
}

function kmzBomb(): Uint8Array {
  return zipSync({ 'doc.kml': strToU8(placemarks(514_000)) }, { level: 9 })
}

function bigKml(): Uint8Array {
  const kml = strToU8(placemarks(80_000)) // ~15 MB: under the 16 MiB document limit, over 5,000 placemarks
  return kml
}

function shapefile(records: number): Uint8Array {
  const shp = new Uint8Array(100 + records * 28)
  const view = new DataView(shp.buffer)
  view.setInt32(0, 9994, false)
  view.setInt32(24, shp.length / 2, false)
  view.setInt32(28, 1000, true)
  view.setInt32(32, 1, true) // Point
  for (let i = 0, at = 100; i < records; i++, at += 28) {
    view.setInt32(at, i + 1, false)
    view.setInt32(at + 4, 10, false) // 20 bytes of content
    view.setInt32(at + 8, 1, true)
    view.setFloat64(at + 12, 100.3 + (i % 1000) / 1e4, true)
    view.setFloat64(at + 20, 25.2 + (i % 997) / 1e4, true)
  }
  const fieldLength = 10
  const dbf = new Uint8Array(32 + 32 + 1 + records * (1 + fieldLength) + 1)
  const dv = new DataView(dbf.buffer)
  dbf[0] = 3
  dv.setUint32(4, records, true)
  dv.setUint16(8, 32 + 32 + 1, true)
  dv.setUint16(10, 1 + fieldLength, true)
  dbf.set(strToU8('name'), 32)
  dbf[32 + 11] = 'C'.charCodeAt(0)
  dbf[32 + 16] = fieldLength
  dbf[64] = 0x0d
  dbf.fill(0x20, 65, dbf.length - 1)
  dbf[dbf.length - 1] = 0x1a
  return zipSync({ 'points.shp': shp, 'points.dbf': dbf }, { level: 9 })
}

function xlsx(rows: number): Uint8Array {
  const sheet = [
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  ]
  for (let r = 1; r <= rows; r++) sheet.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`)
  sheet.push('</sheetData></worksheet>')
  const files = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="问题台账" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(sheet.join('')),
  }
  return zipSync(files, { level: 9 })
}

interface Hostile {
  name: string
  make: () => Uint8Array
  path: string
  user: string
  contentType: string
}

const hostiles: Hostile[] = [
  {
    name: 'KMZ bomb, 514k placemarks',
    make: kmzBomb,
    path: '/api/checkpoints/import?filename=bomb.kmz',
    user: 'planner',
    contentType: 'application/vnd.google-earth.kmz',
  },
  {
    name: 'KML of 80k placemarks',
    make: bigKml,
    path: '/api/checkpoints/import?filename=big.kml',
    user: 'planner',
    contentType: 'application/vnd.google-earth.kml+xml',
  },
  {
    name: 'Shapefile, 2.5M records',
    make: () => shapefile(2_500_000),
    path: '/api/checkpoints/import?filename=points.zip',
    user: 'planner',
    contentType: 'application/zip',
  },
  {
    name: 'XLSX, 1.2M rows',
    make: () => xlsx(1_200_000),
    path: '/api/issues/import',
    user: 'inspector',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
]

const mb = (bytes: number) => bytes / 1024 / 1024

const ledger = await startLedgerApp()
let failed = 0
try {
  const count = async () => {
    const [issues, checkpoints] = await Promise.all(
      ['issues', 'checkpoints'].map(
        async (c) =>
          (await ledger.anonymous.get(`/collections/${c}/items?limit=1`)).body
            .numberMatched as number,
      ),
    )
    return `${issues}/${checkpoints}`
  }
  let lastAnswerMs = 2000
  const slowestPing = async (forMs: number) => {
    let slowest = 0
    const until = performance.now() + forMs
    while (performance.now() < until) {
      const sent = performance.now()
      await ledger.anonymous.get('/conformance')
      slowest = Math.max(slowest, performance.now() - sent)
      await new Promise((resolve) => setTimeout(resolve, pingEveryMs))
    }
    return slowest
  }
  const before = await count()
  // the parser worker starts on the first upload (it loads the parsers: seconds on a loaded machine)
  const warm = await (await ledger.login('planner')).send(
    '/api/checkpoints/import?filename=empty.geojson',
    {
      method: 'POST',
      body: '{"type":"FeatureCollection","features":[]}',
      headers: { 'content-type': 'application/geo+json', 'x-requested-with': 'fetch' },
    },
  )
  if (warm.status !== 400) throw new Error(`warm-up: ${warm.status}`)
  console.log(
    `hostile imports (${short ? 'short' : 'full'}); load average ${(await import('node:os'))
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  )
  console.log('| file | size | status | answer | slowest other request | RSS growth | verdict |')
  console.log('|---|---|---|---|---|---|---|')
  for (const h of hostiles) {
    const bytes = h.make()
    // generating a file takes seconds: a kept-alive connection may be closed meanwhile, so try twice
    const client = await ledger.login(h.user).catch(() => ledger.login(h.user))
    globalThis.gc?.()
    const rssBefore = process.memoryUsage().rss
    let rssPeak = rssBefore
    let slowestPingMs = 0
    let uploading = true
    const pings = (async () => {
      while (uploading) {
        const sent = performance.now()
        await ledger.anonymous.get('/conformance')
        slowestPingMs = Math.max(slowestPingMs, performance.now() - sent)
        rssPeak = Math.max(rssPeak, process.memoryUsage().rss)
        await new Promise((resolve) => setTimeout(resolve, pingEveryMs))
      }
    })()
    // the same pings with no upload, as long as the upload took last time: what the machine's own
    // load costs (another engineer's build, CI neighbours) is not charged to the import
    const idle = await slowestPing(lastAnswerMs)
    const started = performance.now()
    const reply = await client.send(h.path, {
      method: 'POST',
      body: bytes,
      headers: { 'content-type': h.contentType, 'x-requested-with': 'fetch' },
    })
    const answerMs = performance.now() - started
    lastAnswerMs = answerMs
    uploading = false
    await pings
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss)
    const growth = mb(rssPeak - rssBefore)
    const ok =
      reply.status >= 400 &&
      reply.status < 500 &&
      answerMs <= bounds.answerMs &&
      slowestPingMs <= bounds.pingMs + idle &&
      growth < bounds.rssGrowthMb
    if (!ok) failed++
    console.log(
      `| ${h.name} | ${mb(bytes.length).toFixed(1)} MB | ${reply.status} | ${answerMs.toFixed(0)} ms | ${slowestPingMs.toFixed(0)} ms (idle ${idle.toFixed(0)} ms) | ${growth.toFixed(0)} MB | ${ok ? 'ok' : 'FAIL'} |`,
    )
    console.log(
      `  ${String(reply.body.detail ?? '')} ${JSON.stringify(reply.body.errors?.[0]?.message ?? '')}`,
    )
  }
  const after = await count()
  if (after !== before) {
    failed++
    console.log(`FAIL: issues/checkpoints ${before} → ${after}: something was imported`)
  } else console.log(`nothing imported (issues/checkpoints ${after})`)
} finally {
  await ledger.close()
}
if (failed > 0) {
  console.error(
    `${failed} hostile import check(s) failed (bounds: 4xx ≤ ${bounds.answerMs} ms, other requests ≤ idle + ${bounds.pingMs} ms, RSS growth < ${bounds.rssGrowthMb} MB)`,
  )
  process.exit(1)
}
