// KML (and KMZ, a zipped KML) → GeoJSON features via @tmcw/togeojson on an @xmldom/xmldom document.
// Placemark <name> becomes `name`; ExtendedData (Data and SchemaData/SimpleData) become properties.
import { kml } from '@tmcw/togeojson'
import { DOMParser } from '@xmldom/xmldom'
import type { GeoJsonFeature } from '../storage/store.ts'
import { formatBytes, InvalidFile } from './import-error.ts'
import { countUpTo, tooMany } from './read-limits.ts'
import { readZipEntries, type ZipLimits } from './zip-entries.ts'

export interface KmlLimits {
  maxFeatures: number // placemarks, counted in the text before the XML is parsed
  maxKmlBytes: number // one .kml document; a DOM costs ~50× its text
}

export function readKml(bytes: Uint8Array, limits: KmlLimits): GeoJsonFeature[] {
  if (bytes.length > limits.maxKmlBytes) {
    throw new InvalidFile(
      `KML 文档过大（${formatBytes(bytes.length)}），上限 ${formatBytes(limits.maxKmlBytes)}；请分批导入`,
    )
  }
  const text = decodeXml(bytes)
  if (countUpTo(text, '<Placemark', limits.maxFeatures + 1) > limits.maxFeatures) {
    throw tooMany('要素', limits.maxFeatures)
  }
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

/**
 * Every .kml inside: Google Earth puts everything in doc.kml, LIBKML (GDAL, ArcGIS) writes a doc.kml
 * of NetworkLinks to files/*.kml. The placemark limit counts across all of them.
 */
export function readKmz(zip: Uint8Array, limits: ZipLimits & KmlLimits): GeoJsonFeature[] {
  const entries = readZipEntries(zip, limits)
  const names = [...entries.keys()].filter((n) => n.toLowerCase().endsWith('.kml'))
  if (names.length === 0) throw new InvalidFile('KMZ 压缩包里没有 .kml 文件')
  const features: GeoJsonFeature[] = []
  for (const name of names) {
    const left = limits.maxFeatures - features.length
    try {
      features.push(...readKml(entries.get(name) as Uint8Array, { ...limits, maxFeatures: left }))
    } catch (error) {
      if (error instanceof InvalidFile && left < limits.maxFeatures && /过多/.test(error.message))
        throw tooMany('要素', limits.maxFeatures)
      throw error
    }
  }
  return features
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
