// Shareable view state in the query string: `?map=zoom/lat/lng&layers=a,b&sel=collection/id&panel=ledger&base=id`,
// and the role screens' `?tab=` and lists (`?grids=a,b`). parse/serialize are pure. Map moves are
// written with history.replaceState (no history spam); a tab or a selection pushes an entry, so
// back/forward step through them, and popstate reads the address bar again.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'

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

/** How a change reaches the address bar: `push` makes a back/forward step of it. */
export type UrlWrite = 'replace' | 'push'

function writeSearch(search: string, how: UrlWrite) {
  if (search === location.search) return
  const url = `${location.pathname}${search}${location.hash}`
  if (how === 'push') history.pushState(history.state, '', url)
  else history.replaceState(history.state, '', url)
}

/** Calls `read` on back/forward, so state kept in the URL follows the address bar. */
function usePopState(read: () => void) {
  useEffect(() => {
    window.addEventListener('popstate', read)
    return () => window.removeEventListener('popstate', read)
  }, [read])
}

/**
 * The URL state as React state; changes are written back to the address bar, a `push` at once as
 * a history entry (a tab, a selection), others once the map rests.
 */
export function useUrlState(knownLayers: readonly string[]) {
  const [state, setState] = useState<UrlState>(() =>
    parseUrlState(globalThis.location?.search ?? '', knownLayers),
  )
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const pushed = useRef(false)

  useEffect(() => {
    clearTimeout(timer.current)
    if (pushed.current) {
      pushed.current = false
      writeSearch(toUrlSearch(state, location.search), 'push')
      return
    }
    timer.current = setTimeout(
      () => writeSearch(toUrlSearch(state, location.search), 'replace'),
      writeDelayMs,
    )
    return () => clearTimeout(timer.current)
  }, [state])

  const update = useCallback((patch: Partial<UrlState>, how: UrlWrite = 'replace') => {
    if (how === 'push') pushed.current = true
    setState((previous) => ({ ...previous, ...patch }))
  }, [])
  // back/forward: the address bar is the truth, not a write to make
  const read = useCallback(() => {
    clearTimeout(timer.current)
    setState(parseUrlState(location.search, knownLayers))
  }, [knownLayers])
  usePopState(read)
  return [state, update] as const
}

/** One query parameter; `null` when absent. */
function readParam(name: string): string | null {
  return new URLSearchParams(globalThis.location?.search ?? '').get(name)
}

/** Sets or (with `null`) removes one parameter of `search`, keeping the others and readable commas. */
export function withParam(search: string, name: string, value: string | null): string {
  const params = new URLSearchParams(search)
  if (value === null) params.delete(name)
  else params.set(name, value)
  const query = params.toString().replaceAll('%2F', '/').replaceAll('%2C', ',')
  return query ? `?${query}` : ''
}

function useUrlParam(name: string) {
  const [value, setValue] = useState(() => readParam(name))
  const set = useCallback(
    (next: string | null, how: UrlWrite) => {
      setValue(next)
      writeSearch(withParam(location.search, name, next), how)
    },
    [name],
  )
  usePopState(useCallback(() => setValue(readParam(name)), [name]))
  return [value, set] as const
}

/**
 * A screen's tab in `?tab=` (`param`); the first tab is the default and stays out of the URL.
 * Choosing a tab is a history entry; an unknown value reads as the default.
 */
export function useUrlTab<T extends string>(tabs: readonly T[], param = 'tab') {
  const [value, setValue] = useUrlParam(param)
  const fallback = tabs[0] as T
  const tab = tabs.includes(value as T) ? (value as T) : fallback
  const setTab = useCallback(
    (next: T) => setValue(next === fallback ? null : next, 'push'),
    [setValue, fallback],
  )
  return [tab, setTab] as const
}

/** Parses `a,b,c` into its non-empty items; `null` (absent) is the empty list. */
export function parseUrlList(value: string | null): string[] {
  return value ? value.split(',').filter((item) => item !== '') : []
}

/**
 * A list of ids in one parameter (`?grids=a,b`), e.g. a selection; empty stays out of the URL.
 * Pass `replace` for a change that is no step of the user's (a vanished grid leaving the selection).
 */
export function useUrlList(param: string) {
  const [value, setValue] = useUrlParam(param)
  const list = useMemo(() => parseUrlList(value), [value])
  const latest = useRef(list)
  latest.current = list
  const setList = useCallback(
    (next: string[] | ((current: string[]) => string[]), how: UrlWrite = 'push') => {
      const items = typeof next === 'function' ? next(latest.current) : next
      if (items.join(',') === latest.current.join(',')) return
      latest.current = items
      setValue(items.length ? items.join(',') : null, how)
    },
    [setValue],
  )
  return [list, setList] as const
}

/** One id in one parameter (`?plan=id`); `undefined` when absent. */
export function useUrlId(param: string) {
  const [value, setValue] = useUrlParam(param)
  const setId = useCallback(
    (next: string | undefined, how: UrlWrite = 'push') => {
      if ((next ?? null) !== readParam(param)) setValue(next ?? null, how)
    },
    [setValue, param],
  )
  return [value ?? undefined, setId] as const
}
