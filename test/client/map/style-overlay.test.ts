import type { FeatureCollection } from 'geojson'
import type { Map as MapLibreMap } from 'maplibre-gl'
import { describe, expect, test } from 'vitest'
import {
  applyOverlay,
  overlayAdditions,
  type StyleOverlay,
  withAdditions,
} from '../../../client/map/style-overlay.ts'

/** A map that holds sources, layers and images by id and logs every change made to it. */
function recordingMap(baseLayers: string[] = ['base-fill', 'base-line']) {
  const calls: string[] = []
  const sources = new Set<string>()
  const layers = [...baseLayers]
  const images = new Set<string>()
  const map = {
    getSource: (id: string) =>
      sources.has(id) ? { setData: () => calls.push(`setData ${id}`) } : undefined,
    addSource: (id: string) => {
      sources.add(id)
      calls.push(`addSource ${id}`)
    },
    removeSource: (id: string) => {
      sources.delete(id)
      calls.push(`removeSource ${id}`)
    },
    getLayer: (id: string) => (layers.includes(id) ? { id } : undefined),
    addLayer: (layer: { id: string }, before?: string) => {
      const at = before ? layers.indexOf(before) : layers.length
      layers.splice(at, 0, layer.id)
      calls.push(`addLayer ${layer.id}${before ? ` before ${before}` : ''}`)
    },
    removeLayer: (id: string) => {
      layers.splice(layers.indexOf(id), 1)
      calls.push(`removeLayer ${id}`)
    },
    setPaintProperty: (id: string, key: string, value: unknown) =>
      calls.push(`paint ${id} ${key}=${JSON.stringify(value)}`),
    setLayoutProperty: (id: string, key: string, value: unknown) =>
      calls.push(`layout ${id} ${key}=${JSON.stringify(value)}`),
    setFilter: (id: string, filter: unknown) =>
      calls.push(`filter ${id} ${JSON.stringify(filter)}`),
    hasImage: (id: string) => images.has(id),
    addImage: (id: string) => {
      images.add(id)
      calls.push(`addImage ${id}`)
    },
    removeImage: (id: string) => {
      images.delete(id)
      calls.push(`removeImage ${id}`)
    },
    setFeatureState: ({ id }: { id: string }, state: object) =>
      calls.push(`state ${id} ${JSON.stringify(state)}`),
  }
  return { map: map as unknown as MapLibreMap, calls, layers }
}

const data = (): FeatureCollection => ({ type: 'FeatureCollection', features: [] })
const image = { width: 2, height: 2, data: new Uint8Array(16), pixelRatio: 1 }

function overlay(changes: Partial<StyleOverlay> = {}): StyleOverlay {
  return {
    sources: { grids: { data: shared, promoteId: 'code' } },
    layers: [
      { id: 'g-fill', type: 'fill', source: 'grids', paint: { 'fill-color': 'red' } },
      { id: 'g-line', type: 'line', source: 'grids', paint: { 'line-width': 1 } },
    ],
    beforeId: 'base-line',
    images: { hatch: image },
    states: { grids: {} },
    ...changes,
  }
}
const shared = data()

describe('style overlay', () => {
  test('first applied: images, the source, then the layers in order under beforeId', () => {
    const { map, calls, layers } = recordingMap()
    applyOverlay(map, overlay(), undefined)
    expect(calls).toEqual([
      'addImage hatch',
      'addSource grids',
      'addLayer g-fill before base-line',
      'addLayer g-line before base-line',
    ])
    expect(layers).toEqual(['base-fill', 'g-fill', 'g-line', 'base-line'])
  })

  test('the same overlay again changes nothing', () => {
    const { map, calls } = recordingMap()
    applyOverlay(map, overlay(), undefined)
    calls.length = 0
    applyOverlay(map, overlay(), overlay())
    expect(calls).toEqual([])
  })

  test('only what differs is changed: new data, a paint value, a filter, a state', () => {
    const { map, calls } = recordingMap()
    applyOverlay(map, overlay(), undefined)
    calls.length = 0
    const next = overlay({
      sources: { grids: { data: data() } },
      layers: [
        { id: 'g-fill', type: 'fill', source: 'grids', paint: { 'fill-color': 'blue' } },
        {
          id: 'g-line',
          type: 'line',
          source: 'grids',
          filter: ['==', ['get', 'a'], 1],
          paint: {},
        },
      ],
      states: { grids: { x: { selected: true } } },
    })
    applyOverlay(map, next, overlay())
    expect(calls).toEqual([
      'setData grids',
      'paint g-fill fill-color="blue"',
      'paint g-line line-width=undefined', // gone from the spec: back to MapLibre's default
      'filter g-line ["==",["get","a"],1]',
      'state x {"selected":true}',
    ])
  })

  test('a state that goes is set to false, not removed', () => {
    const { map, calls } = recordingMap()
    const selected = overlay({ states: { grids: { x: { selected: true, hovered: true } } } })
    applyOverlay(map, selected, undefined)
    calls.length = 0
    applyOverlay(map, overlay({ states: { grids: { y: { hovered: true } } } }), selected)
    expect(calls).toEqual([
      'state x {"selected":false,"hovered":false}',
      'state y {"hovered":true}',
    ])
  })

  test('no overlay any more: its layers, source and images go', () => {
    const { map, calls, layers } = recordingMap()
    applyOverlay(map, overlay(), undefined)
    calls.length = 0
    applyOverlay(map, undefined, overlay())
    expect(calls).toEqual([
      'removeLayer g-fill',
      'removeLayer g-line',
      'removeSource grids',
      'removeImage hatch',
    ])
    expect(layers).toEqual(['base-fill', 'base-line'])
  })

  test('in a first style: spliced under beforeId, sources as GeoJSON with their promoteId', () => {
    const style = {
      version: 8 as const,
      sources: {},
      layers: [
        { id: 'base-fill', type: 'background' as const },
        { id: 'base-line', type: 'background' as const },
      ],
    }
    const first = withAdditions(style, overlayAdditions(overlay()))
    expect(first.layers.map((l) => l.id)).toEqual(['base-fill', 'g-fill', 'g-line', 'base-line'])
    expect(first.sources.grids).toEqual({ type: 'geojson', data: shared, promoteId: 'code' })
  })
})
