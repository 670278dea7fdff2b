// Local plane for distances and Voronoi diagrams: x = lng·cos φ₀ and y = lat, both in km, with φ₀
// the place's latitude (Weishan: 25.2° N, equidistant to well under 1 % across its 60 × 66 km).
// The build sets φ₀ once per place before anything is projected (build-geodata-files.ts).

export type LngLat = [lng: number, lat: number]
/** Plane coordinates in km (x east, y north). */
export type Xy = [x: number, y: number]

const KM_PER_DEGREE = 111.32
let COS_LAT = Math.cos((25.2 * Math.PI) / 180)

/** Sets the plane's latitude φ₀ (degrees) for the place being built. */
export function setPlaneLatitude(latitude: number): void {
  COS_LAT = Math.cos((latitude * Math.PI) / 180)
}

export function toXy(p: readonly [number, number]): Xy {
  return [p[0] * COS_LAT * KM_PER_DEGREE, p[1] * KM_PER_DEGREE]
}

export function toLngLat(p: readonly [number, number]): LngLat {
  return [p[0] / (COS_LAT * KM_PER_DEGREE), p[1] / KM_PER_DEGREE]
}

export function distanceKm(a: readonly [number, number], b: readonly [number, number]): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1])
}

/** 6 decimals ≈ 0.1 m: the precision of every stored coordinate. */
export function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6
}

export function roundLngLat(p: readonly [number, number]): LngLat {
  return [round6(p[0]), round6(p[1])]
}
