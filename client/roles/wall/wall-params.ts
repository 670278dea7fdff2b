// The wall's URL: /wall?token=…&township=<9-digit code>&tour=1&tourSeconds=30&layer=heatmap|hexagon|grids
// &cycleSeconds=60. Pure; a bad value falls back to its default (nobody is there to read an error).

export const wallLayers = ['heatmap', 'hexagon', 'grids'] as const
export type WallLayer = (typeof wallLayers)[number]

export interface WallParams {
  token?: string // read-only display token; absent when READ_ACCESS=public or a session exists
  township?: string // 9-digit NBS code: show that township (the tour starts there)
  tour: boolean // cycle through the townships
  tourSeconds: number // seconds per township
  layer?: WallLayer // a fixed map layer; absent: the layers take turns every cycleSeconds
  cycleSeconds: number // seconds per map layer when none is fixed
}

export const wallDefaults = {
  tour: false,
  tourSeconds: 30,
  cycleSeconds: 45,
} as const

const secondsRange = { min: 5, max: 3600 } // under 5 s a township cannot even finish flying in
const townshipPattern = /^\d{9}$/ // a township's 9-digit code; the server checks it is the county's
const tokenPattern = /^[\w.~-]{8,512}$/ // URL-safe; anything else is not a token we issued

export function parseWallParams(search: string): WallParams {
  const params = new URLSearchParams(search)
  const token = params.get('token')?.trim()
  const township = params.get('township')?.trim()
  const layer = params.get('layer')?.trim()
  return {
    ...(token && tokenPattern.test(token) ? { token } : {}),
    ...(township && townshipPattern.test(township) ? { township } : {}),
    tour: parseFlag(params.get('tour'), wallDefaults.tour),
    tourSeconds: parseSeconds(params.get('tourSeconds'), wallDefaults.tourSeconds),
    ...(isWallLayer(layer) ? { layer } : {}),
    cycleSeconds: parseSeconds(params.get('cycleSeconds'), wallDefaults.cycleSeconds),
  }
}

export function isWallLayer(value: unknown): value is WallLayer {
  return (wallLayers as readonly unknown[]).includes(value)
}

function parseFlag(value: string | null, fallback: boolean): boolean {
  if (value === null) return fallback
  const v = value.trim().toLowerCase()
  if (['1', 'true', 'yes', 'on', ''].includes(v)) return true
  if (['0', 'false', 'no', 'off'].includes(v)) return false
  return fallback
}

function parseSeconds(value: string | null, fallback: number): number {
  if (value === null || value.trim() === '') return fallback
  const n = Number(value)
  if (!Number.isFinite(n)) return fallback
  return Math.min(Math.max(Math.round(n), secondsRange.min), secondsRange.max)
}
