// KML (and KMZ, a zipped KML) → GeoJSON features via @tmcw/togeojson on an @xmldom/xmldom document.
// Placemark <name> becomes `name`; ExtendedData (Data and SchemaData/SimpleData) become properties.
import { kml } from '@tmcw/togeojson'
import { DOMParser } from '@xmldom/xmldom'
import type { GeoJsonFeature } from '../storage/store.ts'
import { InvalidFile } from './import-error.ts'
import { readZipEntries, type ZipLimits } from './zip-entries.ts'

export function readKml(bytes: Uint8Array): GeoJsonFeature[] {
  const text = decodeXml(bytes)
  let doc: ReturnType<DOMParser['parseFromString']>
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message)
      },
    }).parseFromString(text, 'text/xml')
  } catch {
    throw new InvalidFile('KML 文件不是有效的 XML，可能已损坏')
  }
  if (doc.documentElement?.localName !== 'kml')
    throw new InvalidFile('文件扩展名是 .kml，但内容不是 KML')
  return kml(doc).features as GeoJsonFeature[]
}

export function readKmz(zip: Uint8Array, limits: ZipLimits): GeoJsonFeature[] {
  const entries = readZipEntries(zip, limits)
  const names = [...entries.keys()].filter((n) => n.toLowerCase().endsWith('.kml'))
  // Google Earth names the main document doc.kml; otherwise take the first
  const main = names.find((n) => n.toLowerCase() === 'doc.kml') ?? names[0]
  if (main === undefined) throw new InvalidFile('KMZ 压缩包里没有 .kml 文件')
  return readKml(entries.get(main) as Uint8Array)
}

// KML is UTF-8 by specification, but Chinese tools sometimes declare encoding="GBK" in the prolog
function decodeXml(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200))
  const declared = /<\?xml[^>]*encoding=["']([\w-]+)["']/i.exec(head)?.[1]
  try {
    return new TextDecoder(declared ?? 'utf-8').decode(bytes)
  } catch {
    return new TextDecoder('utf-8').decode(bytes)
  }
}
