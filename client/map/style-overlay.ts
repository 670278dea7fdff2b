// A screen's own MapLibre sources, layers, pattern images and feature states over the base style:
// what it would otherwise draw with deck.gl, whose programs link synchronously under software GL
// (0.1–0.3 s of blocked page each) while MapLibre's few shaders are shared with the base map.
// A screen describes the whole overlay on every render; applyOverlay changes only what differs.
import type { FeatureCollection } from 'geojson'
import type {
  LayerSpecification,
  Map as MapLibreMap,
  SourceSpecification,
  StyleSpecification,
} from 'maplibre-gl'

export interface OverlaySource {
  data: FeatureCollection
  promoteId?: string // the property that identifies a feature, for feature states
}

export interface OverlayImage {
  width: number
  height: number
  data: Uint8Array // RGBA bytes, row by row (the hatch uses only opaque and clear pixels)
  pixelRatio: number
}

export interface StyleOverlay {
  sources: Record<string, OverlaySource>
  layers: LayerSpecification[] // in drawing order, all under `beforeId`
  beforeId?: string // the base style layer they go under; undefined: on top
  images?: Record<string, OverlayImage> // fill patterns, by id
  /** per source, per feature id, the state expressions read with ['feature-state', key] */
  states?: Record<string, Record<string, Record<string, boolean>>>
  pickable?: string[] // layer ids a click and the pointer query; their features need ids (promoteId)
}

function sourceSpec({ data, promoteId }: OverlaySource): SourceSpecification {
  return { type: 'geojson', data: data as never, ...(promoteId ? { promoteId } : {}) }
}

/** Sources and layers a screen puts into the map's first style (the issue tiles, an overlay). */
export interface StyleAdditions {
  sources: Record<string, SourceSpecification>
  layers: LayerSpecification[]
  beforeId?: string // base style layer they go under
}

/** The style with the additions spliced in under their `beforeId`. */
export function withAdditions(
  style: StyleSpecification,
  additions: StyleAdditions | undefined,
): StyleSpecification {
  if (!additions) return style
  const at = style.layers.findIndex((layer) => layer.id === additions.beforeId)
  const layers = [...style.layers]
  layers.splice(at < 0 ? layers.length : at, 0, ...additions.layers)
  return { ...style, sources: { ...style.sources, ...additions.sources }, layers }
}

/** An overlay as additions to a first style (its images and states come once the map exists). */
export function overlayAdditions(overlay: StyleOverlay): StyleAdditions {
  const sources = Object.fromEntries(
    Object.entries(overlay.sources).map(([id, source]) => [id, sourceSpec(source)]),
  )
  return {
    sources,
    layers: overlay.layers,
    ...(overlay.beforeId ? { beforeId: overlay.beforeId } : {}),
  }
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b)

/**
 * Brings the map from `previous` (what it holds; undefined for nothing, or only the sources and
 * layers of its first style) to `next`. Data is compared by identity, layer properties by value.
 */
export function applyOverlay(
  map: MapLibreMap,
  next: StyleOverlay | undefined,
  previous: StyleOverlay | undefined,
): void {
  const nextLayerIds = new Set(next?.layers.map((l) => l.id))
  for (const layer of previous?.layers ?? [])
    if (!nextLayerIds.has(layer.id) && map.getLayer(layer.id)) map.removeLayer(layer.id)
  for (const id of Object.keys(previous?.sources ?? {}))
    if (!next?.sources[id] && map.getSource(id)) map.removeSource(id)
  for (const [id, image] of Object.entries(previous?.images ?? {}))
    if (!next?.images?.[id] && image && map.hasImage(id)) map.removeImage(id)
  if (!next) return

  for (const [id, image] of Object.entries(next.images ?? {})) {
    if (previous?.images?.[id] === image && map.hasImage(id)) continue
    if (map.hasImage(id)) map.removeImage(id)
    map.addImage(id, image, { pixelRatio: image.pixelRatio })
  }
  for (const [id, source] of Object.entries(next.sources)) {
    const held = map.getSource(id) as { setData(data: never): void } | undefined
    if (!held) map.addSource(id, sourceSpec(source))
    else if (previous?.sources[id]?.data !== source.data) held.setData(source.data as never)
  }
  const before = next.beforeId && map.getLayer(next.beforeId) ? next.beforeId : undefined
  const previousLayers = new Map(previous?.layers.map((l) => [l.id, l]))
  for (const layer of next.layers) {
    const was = previousLayers.get(layer.id)
    if (!map.getLayer(layer.id)) map.addLayer(layer, before)
    else if (was && !same(was, layer)) updateLayer(map, was, layer)
  }
  applyStates(map, next.states ?? {}, previous?.states ?? {})
}

function updateLayer(map: MapLibreMap, was: LayerSpecification, layer: LayerSpecification) {
  const id = layer.id
  const changed = (a: object | undefined, b: object | undefined) => {
    const before = (a ?? {}) as Record<string, unknown>
    const after = (b ?? {}) as Record<string, unknown>
    const keys = new Set([...Object.keys(before), ...Object.keys(after)])
    return [...keys].filter((k) => !same(before[k], after[k])).map((k) => [k, after[k]] as const)
  }
  const paintOf = (l: LayerSpecification) => ('paint' in l ? l.paint : undefined)
  for (const [key, value] of changed(paintOf(was), paintOf(layer)))
    map.setPaintProperty(id, key as never, value as never)
  for (const [key, value] of changed(was.layout, layer.layout))
    map.setLayoutProperty(id, key as never, value as never)
  const filterOf = (l: LayerSpecification) => ('filter' in l ? l.filter : undefined)
  if (!same(filterOf(was), filterOf(layer))) map.setFilter(id, filterOf(layer) ?? null)
}

type States = NonNullable<StyleOverlay['states']>

// Keys that go are set to false rather than removed: MapLibre 6.17 throws when a feature's state
// is removed and set again before its first frame (SourceFeatureState.updateState).
function applyStates(map: MapLibreMap, next: States, previous: States) {
  for (const source of new Set([...Object.keys(next), ...Object.keys(previous)])) {
    if (!map.getSource(source)) continue
    const now = next[source] ?? {}
    const was = previous[source] ?? {}
    for (const id of new Set([...Object.keys(was), ...Object.keys(now)])) {
      const cleared = Object.fromEntries(Object.keys(was[id] ?? {}).map((key) => [key, false]))
      const state = { ...cleared, ...now[id] }
      if (!same(was[id] ?? {}, state)) map.setFeatureState({ source, id }, state)
    }
  }
}
