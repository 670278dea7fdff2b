// A place's build settings: geodata/places/<code>/place.json (names, shown by the server) and
// build.json (what the pipeline cannot learn from the sources), and where its sources and layers
// live. The default place keeps its historic layout: geodata/sources → geodata/*.geojson.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import type { LngLat } from './plane.ts'

export const geodataDir = join(dirname(fileURLToPath(import.meta.url)), '..')
export const placesDir = join(geodataDir, 'places')

const lngLat = z.tuple([z.number(), z.number()])

const buildSchema = z
  .object({
    note: z.string().optional(),
    seed: z.number().int(), // PRNG seed; the adcode by convention
    planeLatitude: z.number().min(-80).max(80), // latitude of the local km plane (plane.ts)
    countySeatName: z.string().min(2), // the county seat's label in seats.geojson
    core: z.object({
      township: z.string().regex(/^\d{9}$/), // the township that holds the urban core
      // 'county-seat': the Vonng county point; or a WGS84 point, for a county point that is a centroid
      centre: z.union([z.literal('county-seat'), lngLat]),
      centreReason: z.string().optional(),
      radiusKm: z.tuple([z.number().positive(), z.number().positive()]), // core edge range
      siteSpacingKm: z.number().positive(), // minimum distance of the core's Voronoi seeds
      pinMarginKm: z.number().nonnegative(), // cells within radius + this belong to the core township
    }),
    meshSpacingKm: z.number().positive(), // filler lattice spacing
    neighbors: z.record(z.string(), z.string()), // fence code → name, drawn as grey context
    rivers: z
      .object({
        file: z.string(), // under sources/
        names: z.record(z.string(), z.string()), // Natural Earth name → Chinese name
        // villages of these townships lean toward this river (a valley settlement pattern)
        valley: z.object({ river: z.string(), townships: z.array(z.string()) }).optional(),
      })
      .optional(),
    // use the Amap village centres as fixed village points (Weishan); false where they crowd the
    // dense 街道 of a city and would split townships (all village points are then synthetic)
    amapVillagePoints: z.boolean(),
    notAnAnchor: z.array(z.string()), // Amap village points that must not steer township lines
    communityBearings: z.record(z.string(), z.number()), // core 社区 code → bearing from the centre, °
    landmarks: z.array(
      z.object({
        name: z.string(),
        at: z.literal('core-centre').optional(),
        lngLat: lngLat.optional(),
        township: z.string(),
      }),
    ),
    // NBS 2023 township code → its 2016 code in the Vonng list, where the unit was renamed
    renamedTownships: z.record(z.string(), z.string()),
  })
  .strict()

export type BuildProfile = z.infer<typeof buildSchema>

export interface PlaceNames {
  code: string
  name: string
}

export interface PlaceBuild {
  code: string
  names: PlaceNames
  profile: BuildProfile
  sourcesDir: string
  outDir: string
}

export function defaultPlaceCode(): string {
  return String(
    (JSON.parse(readFileSync(join(placesDir, 'default.json'), 'utf8')) as { code: unknown }).code,
  )
}

/** Every place with a build profile, default first. */
export function placeCodes(): string[] {
  const first = defaultPlaceCode()
  const others = readdirSync(placesDir).filter(
    (c) => /^\d{6}$/.test(c) && existsSync(join(placesDir, c, 'build.json')),
  )
  return [first, ...others.filter((c) => c !== first).sort()]
}

/** Reads a place's profile; `sourcesDir` overrides where its sources are read (tests copy them). */
export function loadPlaceBuild(code: string, sourcesDir?: string): PlaceBuild {
  if (!/^\d{6}$/.test(code)) throw new Error(`区划代码须为 6 位数字，收到 ${code}`)
  const dir = join(placesDir, code)
  const file = join(dir, 'build.json')
  if (!existsSync(file)) throw new Error(`没有 ${file}：先为该地区写构建配置`)
  const parsed = buildSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')))
  if (!parsed.success)
    throw new Error(
      `${file} 无效：${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`,
    )
  const names = JSON.parse(readFileSync(join(dir, 'place.json'), 'utf8')) as PlaceNames
  const isDefault = code === defaultPlaceCode()
  return {
    code,
    names: { code: names.code, name: names.name },
    profile: parsed.data,
    sourcesDir: sourcesDir ?? (isDefault ? join(geodataDir, 'sources') : join(dir, 'sources')),
    outDir: isDefault ? geodataDir : dir,
  }
}

export function landmarkPoint(l: BuildProfile['landmarks'][number], coreCentre: LngLat): LngLat {
  if (l.at === 'core-centre') return coreCentre
  if (!l.lngLat) throw new Error(`landmark ${l.name}: neither at nor lngLat`)
  return l.lngLat
}
