// The wall map's context (the OGC collections, read with the display token) and the names of
// townships and units the panels show.
import { useQuery } from '@tanstack/react-query'
import type { LineString, MultiPolygon, Point, Polygon } from 'geojson'
import { useCallback, useMemo } from 'react'
import type { PlaceCollection, PlaceProperties } from '../../features/boundaries/api.ts'
import { useBaseSources } from '../../features/boundaries/use-base-map-data.ts'
import { getJson, tokenCollectionQuery } from '../../features/stats/api.ts'
import { useCodeNames } from '../shared/use-code-names.ts'
import { accountabilitySummaryQuery } from './accountability-summary.ts'
import { shortUnitName } from './wall-format.ts'

type Areas = Polygon | MultiPolygon

export function useWallContext(token: string | undefined) {
  const auth = { token }
  const county = useQuery(tokenCollectionQuery<Areas, PlaceProperties>('county', auth))
  const accountability = useQuery(accountabilitySummaryQuery(auth))
  const neighbors = useQuery(tokenCollectionQuery<Areas, PlaceProperties>('neighbors', auth))
  const townships = useQuery(tokenCollectionQuery<Areas, PlaceProperties>('townships', auth))
  const seats = useQuery(tokenCollectionQuery<Point, PlaceProperties>('seats', auth))
  const rivers = useQuery(tokenCollectionQuery<LineString, PlaceProperties>('rivers', auth))
  const villages = useQuery(tokenCollectionQuery<Point, PlaceProperties>('villages', auth))
  const radii = useQuery(
    tokenCollectionQuery<Polygon, Record<string, unknown>>('township-radii', auth),
  )
  const grids = useQuery(tokenCollectionQuery<Areas, { gridCode: string }>('grids', auth))
  const units = useQuery({
    queryKey: ['units', 'wall'],
    queryFn: () => getJson<{ code: string; name: string }[]>('api/units', {}, auth),
    staleTime: 30 * 60_000,
  })

  const baseSources = useBaseSources({
    county: county.data as PlaceCollection | undefined,
    neighbors: neighbors.data as PlaceCollection | undefined,
    townships: townships.data as PlaceCollection | undefined,
    seats: seats.data as PlaceCollection | undefined,
    rivers: rivers.data as PlaceCollection | undefined,
    villages: villages.data as PlaceCollection | undefined,
  })
  const townshipNames = useCodeNames(townships.data)
  const unitNames = useMemo(
    () => new Map((Array.isArray(units.data) ? units.data : []).map((u) => [u.code, u.name])),
    [units.data],
  )
  const townshipName = useCallback((code: string) => townshipNames.get(code), [townshipNames])
  const unitName = useCallback(
    (code: string) => shortUnitName(code, unitNames.get(code)),
    [unitNames],
  )
  const context = [county, neighbors, townships, seats, rivers, villages, radii, grids]
  return {
    county,
    townships,
    radii,
    grids,
    units,
    accountability,
    baseSources,
    townshipName,
    unitName,
    settled: context.every((q) => !q.isPending),
  }
}
