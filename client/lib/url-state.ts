// Shareable view state in the query string: `?map=zoom/lat/lng&layers=a,b&sel=collection/id&panel=ledger&base=id`.
// parse/serialize are pure; useUrlState writes with history.replaceState (no reloads, no history spam).
import { useCallback, useEffect, useRef, useState } from 'react'

export interface MapView {
  lng: number
  lat: number
  zoom: number
}

export interface UrlState {
  view?: MapView // absent: fit the county
  layers?: string[] // visible toggles; absent: every layer's default
  selected?: { collection: string; id: string }
  panel?: SidePanelTab // absent: the layer list
  base?: string // a configured base map's id; absent: the offline base map
}

export const sidePanelTabs = ['layers', 'ledger'] as const
export type SidePanelTab = (typeof sidePanelTabs)[number]

const zoomDigits = 2
const coordDigits = 5 // 1e-5° ≈ 1 m, plenty for a shared view

/** Reads the state from `location.search`; unknown layer ids and malformed values are dropped. */
export function parseUrlState(search: string, knownLayers: readonly string[]): UrlState {
  const params = new URLSearchParams(search)
  const state: UrlState = {}

  const map = params.get('map')?.split('/').map(Number)
  if (map && map.length === 3 && map.every(Number.isFinite)) {
    const [zoom, lat, lng] = map as [number, number, number]
    if (Math.abs(lat) <= 85 && Math.abs(lng) <= 180 && zoom >= 0 && zoom <= 24) {
      state.view = { lng, lat, zoom }
    }
  }

  const layers = params.get('layers')
  if (layers !== null) {
    state.layers = layers
      .split(',')
      .map((id) => id.trim())
      .filter((id) => knownLayers.includes(id))
  }

  const sel = params.get('sel')
  const slash = sel?.indexOf('/') ?? -1
  if (sel && slash > 0 && slash < sel.length - 1) {
    state.selected = { collection: sel.slice(0, slash), id: sel.slice(slash + 1) }
  }

  const panel = params.get('panel')
  if (panel === 'ledger') state.panel = panel

  const base = params.get('base')
  if (base && base !== 'offline' && /^[a-z0-9][a-z0-9-]{0,31}$/.test(base)) state.base = base
  return state
}

/**
 * Writes the state into a query string, keeping unrelated parameters (e.g. `role`) of `previous`.
 * Returns '' or a string starting with '?'.
 */
export function toUrlSearch(state: UrlState, previous = ''): string {
  const params = new URLSearchParams(previous)
  params.delete('map')
  params.delete('layers')
  params.delete('sel')
  params.delete('panel')
  params.delete('base')
  if (state.view) {
    const { zoom, lat, lng } = state.view
    params.set(
      'map',
      `${zoom.toFixed(zoomDigits)}/${lat.toFixed(coordDigits)}/${lng.toFixed(coordDigits)}`,
    )
  }
  if (state.layers) params.set('layers', state.layers.join(','))
  if (state.selected) params.set('sel', `${state.selected.collection}/${state.selected.id}`)
  if (state.panel && state.panel !== 'layers') params.set('panel', state.panel)
  if (state.base && state.base !== 'offline') params.set('base', state.base)
  // URLSearchParams escapes '/' and ','; both are safe in a query and easier to read raw
  const query = params.toString().replaceAll('%2F', '/').replaceAll('%2C', ',')
  return query ? `?${query}` : ''
}

const writeDelayMs = 300 // map moves fire many events; write the URL once they settle

/** The URL state as React state; changes are written back to the address bar. */
export function useUrlState(knownLayers: readonly string[]) {
  const [state, setState] = useState<UrlState>(() =>
    parseUrlState(globalThis.location?.search ?? '', knownLayers),
  )
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)

  useEffect(() => {
    clearTimeout(timer.current)
    timer.current = setTimeout(() => {
      const search = toUrlSearch(state, location.search)
      if (search !== location.search) {
        history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`)
      }
    }, writeDelayMs)
    return () => clearTimeout(timer.current)
  }, [state])

  const update = useCallback((patch: Partial<UrlState>) => {
    setState((previous) => ({ ...previous, ...patch }))
  }, [])
  return [state, update] as const
}
