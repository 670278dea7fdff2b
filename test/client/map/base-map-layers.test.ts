import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec'
import { describe, expect, test } from 'vitest'
import { type BaseMapSource, chosenBaseMap } from '../../../client/lib/base-maps.ts'
import {
  baseMapBeforeId,
  baseMapLayers,
  baseMapSource,
  baseMapSourceId,
  fillsOverBaseMap,
} from '../../../client/map/base-map-layers.ts'
import { baseStyle, deckBeforeIds } from '../../../client/map/base-style.ts'
import { themes } from '../../../client/map/themes.ts'

const raster: BaseMapSource = {
  id: 'county-img',
  name: '县自有影像',
  type: 'raster',
  tiles: 'http://127.0.0.1:9000/tiles/{z}/{x}/{y}.png',
  tileSize: 256,
  minzoom: 0,
  maxzoom: 18,
  attribution: '县测绘院',
  layers: [],
}
const vector: BaseMapSource = {
  ...raster,
  id: 'county-vt',
  type: 'vector',
  layers: ['roads', 'water'],
}

describe('configured base map layers', () => {
  test('a raster base map is one raster source and layer with the configured tiles and zooms', () => {
    expect(baseMapSource(raster)).toEqual({
      type: 'raster',
      tiles: [raster.tiles],
      tileSize: 256,
      minzoom: 0,
      maxzoom: 18,
    })
    expect(baseMapLayers(raster, themes.light).map((l) => l.type)).toEqual(['raster'])
  })

  test('a vector base map draws areas, lines and points of every listed source-layer', () => {
    const layers = baseMapLayers(vector, themes.light)
    expect(
      layers.map((l) => `${(l as { 'source-layer': string })['source-layer']}:${l.type}`),
    ).toEqual([
      'roads:fill',
      'roads:line',
      'roads:circle',
      'water:fill',
      'water:line',
      'water:circle',
    ])
  })

  test.each([raster, vector])(
    'the offline style with $type base-map layers is a valid style',
    (base) => {
      const style = baseStyle(themes.light)
      const withBase = {
        ...style,
        sources: { ...style.sources, [baseMapSourceId]: baseMapSource(base) },
        layers: [
          ...style.layers.slice(0, 1),
          ...baseMapLayers(base, themes.light),
          ...style.layers.slice(1),
        ],
      }
      expect(validateStyleMin(withBase).map((e) => e.message)).toEqual([])
    },
  )

  test('the tiles go under every offline line, label and deck.gl anchor, above the background', () => {
    const ids = baseStyle(themes.light).layers.map((l) => l.id)
    const at = ids.indexOf(baseMapBeforeId)
    expect(at).toBe(1) // right after the background
    for (const anchor of Object.values(deckBeforeIds))
      expect(ids.indexOf(anchor)).toBeGreaterThan(at)
    for (const id of ['county-line', 'townships-line', 'mask-fill'])
      expect(ids.indexOf(id)).toBeGreaterThan(at)
    for (const fill of fillsOverBaseMap) expect(ids).toContain(fill) // faded while tiles show
  })

  test('the chosen base map: the offline one by default and for an id no longer configured', () => {
    expect(chosenBaseMap([raster], undefined)).toBeUndefined()
    expect(chosenBaseMap([raster], 'offline')).toBeUndefined()
    expect(chosenBaseMap([raster], 'gone')).toBeUndefined()
    expect(chosenBaseMap([raster, vector], 'county-vt')).toBe(vector)
  })
})
