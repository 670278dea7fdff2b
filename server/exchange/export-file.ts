// What an export is (its bytes, type and Chinese file name) and the media types of the files the
// server sends and reads.
export const mediaTypes = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  geojson: 'application/geo+json',
  zip: 'application/zip',
} as const

/** The formats an exporter offers, each with its media type. */
export function formatsOf<K extends keyof typeof mediaTypes>(
  ...formats: K[]
): Pick<typeof mediaTypes, K> {
  return Object.fromEntries(formats.map((f) => [f, mediaTypes[f]])) as Pick<typeof mediaTypes, K>
}

export interface ExportFile {
  body: Buffer
  contentType: string
  fileName: string // Chinese; the route encodes it (RFC 6266)
}
