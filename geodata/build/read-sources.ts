// Reads a place's sources/ (and nothing else) into typed WGS84 records. GCJ-02 exists only inside
// this module, under a branded type, and leaves it converted by gcoord. Township seats missing
// from the sources are placed by seats.ts and flagged.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { rewind } from '@turf/turf'
import gcoord from 'gcoord'
import type { Polygon, Position } from 'geojson'
import type { BuildProfile } from './place-profile.ts'
import { type LngLat, roundLngLat } from './plane.ts'
import { placeMissingSeats } from './seats.ts'

/** Amap "Mars" coordinates; only this module may hold them. */
type Gcj02 = [lng: number, lat: number] & { __crs: 'GCJ-02' }

export interface Seat {
  code: string // 6-digit county or 9-digit township code
  name: string
  lngLat: LngLat
}

export interface Township {
  code: string
  name: string
  type: '镇' | '乡' | '街道'
  seat: LngLat
  /** the sources have no centre for this township: seats.ts placed it (示意) */
  seatPlaced?: boolean
}

export interface VillageRecord {
  code: string // 12-digit NBS code
  name: string // NBS 2023 name
  townshipCode: string
  urCode: string // NBS 城乡分类代码 from Vonng (2016); '' where the 2016 list lacks the village
  amap?: LngLat // Amap centre converted to WGS84 (Weishan: 10 of 83)
}

export interface Anchor {
  townshipCode: string
  lngLat: LngLat
  reason: string
}

export interface River {
  nameEn: string
  lines: LngLat[][]
}

export interface Neighbor {
  code: string
  name: string
  polygon: Polygon
}

export interface Sources {
  county: Polygon
  countySeat: Seat
  /** centre of the urban core: the county seat, or the profile's point */
  coreCentre: LngLat
  townships: Township[]
  villages: VillageRecord[]
  neighbors: Neighbor[]
  rivers: River[]
  anchors: Anchor[]
}

function toWgs84(p: Gcj02): LngLat {
  // gcoord mutates arrays it is given, so it only ever sees a copy
  const out = gcoord.transform([p[0], p[1]], gcoord.GCJ02, gcoord.WGS84) as [number, number]
  return roundLngLat(out)
}

function fenceToWgs84(path: string): Polygon {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Polygon
  if (raw.type !== 'Polygon') throw new Error(`${path}: expected a Polygon`)
  const rings = raw.coordinates.map((ring) =>
    dedupe(ring.map((p) => toWgs84(p as unknown as Gcj02))),
  )
  // the fences wind clockwise; RFC 7946 §3.1.6 wants exterior rings counterclockwise
  return rewind({ type: 'Polygon', coordinates: rings }) as Polygon
}

// rounding can merge neighbouring vertices; a ring must not repeat a point in a row
function dedupe(ring: Position[]): Position[] {
  const out: Position[] = []
  for (const p of ring) {
    const last = out[out.length - 1]
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p)
  }
  return out
}

function readLines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
}

function csvFields(line: string): string[] {
  return line.split(',').map((f) => f.replace(/^"|"$/g, ''))
}

function gcj(lng: string | undefined, lat: string | undefined): Gcj02 | undefined {
  if (!lng || !lat) return undefined
  return [Number(lng), Number(lat)] as Gcj02
}

function townshipType(name: string): Township['type'] {
  return name.endsWith('街道') ? '街道' : name.endsWith('镇') ? '镇' : '乡'
}

export function readSources(dir: string, code: string, profile: BuildProfile): Sources {
  const vonng = readLines(join(dir, `vonng-adcode/${code}.csv`)).map(csvFields)
  // columns: code,parent,name,level,rank,adcode,post_code,area_code,ur_code,…,longitude(12),latitude(13)
  const vonngByCode = new Map(vonng.map((f) => [f[0] ?? '', f]))

  const countyRow = vonngByCode.get(`${code}000000`)
  const countyGcj = gcj(countyRow?.[12], countyRow?.[13])
  if (!countyRow || !countyGcj) throw new Error(`${code}.csv: county row missing`)
  const countySeat: Seat = { code, name: '县城', lngLat: toWgs84(countyGcj) }
  const coreCentre =
    profile.core.centre === 'county-seat' ? countySeat.lngLat : roundLngLat(profile.core.centre)
  const county = fenceToWgs84(join(dir, `vonng-adcode/fences/${code}.json`))

  const listed = readLines(join(dir, `nbs-2023/${code}_towns.csv`))
    .slice(1)
    .map(csvFields)
    .map(([code = '', name = '']) => {
      const row = vonngByCode.get(`${profile.renamedTownships[code] ?? code}000`)
      const p = gcj(row?.[12], row?.[13])
      return { code, name, type: townshipType(name), seat: p && toWgs84(p) }
    })
  const townships: Township[] = placeMissingSeats(listed, {
    county,
    coreCentre,
    coreTownship: profile.core.township,
    coreRadiusKm: profile.core.radiusKm[1] + profile.core.pinMarginKm,
  })

  const villages: VillageRecord[] = readLines(join(dir, `nbs-2023/${code}_villages.csv`))
    .slice(1)
    .map(csvFields)
    .map(([code = '', name = '', townshipCode = '']) => {
      const row = vonngByCode.get(code)
      const p = gcj(row?.[12], row?.[13])
      const record: VillageRecord = { code, name, townshipCode, urCode: row?.[8] ?? '' }
      if (p && profile.amapVillagePoints) record.amap = toWgs84(p)
      return record
    })

  const neighbors = Object.keys(profile.neighbors)
    .sort()
    .map((code) => ({
      code,
      name: profile.neighbors[code] ?? code,
      polygon: fenceToWgs84(join(dir, `vonng-adcode/fences/${code}.json`)),
    }))

  const rivers: River[] = []
  if (profile.rivers) {
    const ne = JSON.parse(readFileSync(join(dir, profile.rivers.file), 'utf8')) as {
      features: { properties: { name: string }; geometry: { type: string; coordinates: unknown } }[]
    }
    for (const f of ne.features)
      rivers.push({
        nameEn: f.properties.name,
        lines:
          f.geometry.type === 'LineString'
            ? [f.geometry.coordinates as LngLat[]]
            : (f.geometry.coordinates as LngLat[][]),
      })
  }

  const anchorsFile = join(dir, 'anchors.json')
  const anchors = existsSync(anchorsFile)
    ? (JSON.parse(readFileSync(anchorsFile, 'utf8')) as { anchors: Anchor[] }).anchors
    : []

  return { county, countySeat, coreCentre, townships, villages, neighbors, rivers, anchors }
}
