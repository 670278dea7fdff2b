// What an export is (its bytes, type and Chinese file name) and the media types of the files the
// server sends and reads.
export const mediaTypes = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  geojson: 'application/geo+json',
  zip: 'application/zip',
} as const

export interface ExportFile {
  body: Buffer
  contentType: string
  fileName: string // Chinese; the route encodes it (RFC 6266)
}
