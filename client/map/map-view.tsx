// The map: a MapLibre map with the offline base style and a deck.gl MapLibreOverlay (interleaved,
// sharing MapLibre's WebGL context). Screens pass data and layers in; clicks come out as picks.
// Knows nothing about issues, grids or checkpoints.
import type { DeckProps, LayersList, PickingInfo } from '@deck.gl/core'
import { MapLibreOverlay } from '@deck.gl/maplibre'
import type { FeatureCollection } from 'geojson'
import * as maplibregl from 'maplibre-gl'
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import 'maplibre-gl/dist/maplibre-gl.css'
import { useEffect, useRef, useState } from 'react'
import type { BaseMapSource } from '../lib/base-maps.ts'
import { preloadCharacters } from '../lib/fonts.ts'
import type { MapView as MapViewState } from '../lib/url-state.ts'
import {
  baseMapBeforeId,
  baseMapLayers,
  baseMapSource,
  baseMapSourceId,
  fillsOverBaseMap,
} from './base-map-layers.ts'
import {
  type BaseSourceId,
  type BaseToggle,
  baseLayerGroups,
  baseStyle,
  pickableBaseLayers,
} from './base-style.ts'
import {
  applyOverlay,
  overlayAdditions,
  type StyleAdditions,
  type StyleOverlay,
  withAdditions,
} from './style-overlay.ts'
import type { Theme } from './themes.ts'

maplibregl.setWorkerUrl(maplibreWorkerUrl) // bundling breaks MapLibre's own worker lookup
// the workers start loading their script now, while the screen fetches its data, instead of when
// the first map is made; kept between screens, so moving from one map screen to the next reuses them
maplibregl.prewarm()

export type BBox = [west: number, south: number, east: number, north: number]

export interface MapClick {
  lngLat: [lng: number, lat: number]
  deckPicks: PickingInfo[] // topmost first
  baseFeatures: maplibregl.MapGeoJSONFeature[] // style features under the click, points first,
  // then the overlay's pickable ones
}

export interface MapViewProps {
  theme: Theme
  scale: number // UI scale, see base-style.ts
  bounds: BBox // shown at start when no initialView; also limits panning (with a margin)
  padding: maplibregl.PaddingOptions // px kept clear by floating panels when fitting bounds
  initialView?: MapViewState
  baseSources: Partial<Record<BaseSourceId, FeatureCollection>>
  baseVisibility: Record<BaseToggle, boolean>
  baseMap?: BaseMapSource // a configured tile base map under everything; undefined: the offline map alone
  layers: LayersList
  ready: boolean // every collection settled: the map reports itself ready once drawn
  onViewChange?: (view: MapViewState) => void
  onClick?: (click: MapClick) => void
  cursor?: string // forces the canvas cursor, e.g. 'crosshair' while placing a new issue
  focus?: MapFocus // fly here whenever `key` changes
  controls?: boolean // zoom buttons and scale bar; @default true (a wall screen has no hands)
  interactive?: boolean // pan and zoom by mouse, touch and keys; @default true
  onMap?: (map: maplibregl.Map | null) => void // the loaded map, for screens that drive it (tours)
  // style sources and layers a screen adds itself (the issue tiles), known before the map is made:
  // they go into the first style, so their tiles load while the shaders compile; read once
  styleAdditions?: StyleAdditions
  /** a screen's own MapLibre layers (the grids), kept in step with every render; if here when
   * the map is made, in its first style */
  overlay?: StyleOverlay
  /** the overlay's pickable feature under the pointer, on change (undefined: none) */
  onHover?: (feature: maplibregl.MapGeoJSONFeature | undefined) => void
  /** deck.gl's layers only after the map's first complete frame (read once): for a screen whose
   * first content is MapLibre's own (the issue density), not deck.gl's */
  overlayAfterFirstFrame?: boolean
}

export interface MapFocus {
  key: number
  center: [lng: number, lat: number]
  minZoom: number // zoom in to at least this; never zooms out
  offsetPx?: [x: number, y: number] // shift from the centre, so the point lands in the open map
}

type Device = Parameters<NonNullable<DeckProps['onDeviceInitialized']>>[0] // luma.gl's

const maxBoundsMarginDeg = 0.6 // room to pan around the county, not across the province
const pickRadiusPx = 6
const firstFrameWaitMs = 8000 // overlayAfterFirstFrame: deck.gl's layers come by then at the latest

declare global {
  interface Window {
    /** Set once the map and every deck.gl layer with data have been drawn (read by the e2e test). */
    __mapReady?: boolean
    __inspectionMap?: maplibregl.Map
    /** The deck.gl overlay of that map (the registration e2e picks through it). */
    __deckOverlay?: MapLibreOverlay
  }
}

export function MapView(props: MapViewProps) {
  const containerRef = useRef<HTMLDivElement>(null)
  const mapRef = useRef<maplibregl.Map | null>(null)
  const overlayRef = useRef<MapLibreOverlay | null>(null)
  const propsRef = useRef(props)
  propsRef.current = props
  const [map, setMap] = useState<maplibregl.Map | null>(null)
  const [baseApplied, setBaseApplied] = useState(0) // how many base sources hold data
  const [layersVersion, setLayersVersion] = useState(0)

  const applied = useRef(new Map<BaseSourceId, FeatureCollection>()) // base data the map holds
  const overlayHeld = useRef<StyleOverlay | undefined>(undefined) // the overlay the map holds
  const hovering = useRef<string | number | undefined>(undefined) // the overlay feature pointed at
  const startDeck = useRef<() => void>(() => {}) // adds deck.gl to the map once it has layers

  // Create the map once; theme and scale are fixed for the life of a screen. Base data already here
  // goes into the style itself (its labels' characters loaded first): the worker cuts it while the
  // shaders compile and the first frames hold it, instead of a second round of frames after 'load'
  // (each a second under software GL).
  useEffect(() => {
    const container = containerRef.current
    if (!container) return
    const initial = { ...propsRef.current.baseSources }
    const createMap = (): (() => void) => {
      const { theme, scale, bounds, padding, initialView, controls, interactive } = propsRef.current
      const { styleAdditions, overlay: firstOverlay } = propsRef.current
      const base = baseStyle(theme, { scale, data: initial })
      const firstStyle = withAdditions(
        withAdditions(base, styleAdditions),
        firstOverlay && overlayAdditions(firstOverlay),
      )
      const [w, s, e, n] = bounds
      const m = maxBoundsMarginDeg
      const instance = new maplibregl.Map({
        container,
        style: firstStyle,
        ...(initialView
          ? { center: [initialView.lng, initialView.lat], zoom: initialView.zoom }
          : { bounds, fitBoundsOptions: { padding } }),
        maxBounds: [
          [w - m, s - m],
          [e + m, n + m],
        ],
        minZoom: 7,
        maxZoom: 18,
        attributionControl: false, // our own attribution and disclaimer sit in the page
        dragRotate: false,
        pitchWithRotate: false,
        touchPitch: false,
        renderWorldCopies: false,
        interactive: interactive ?? true,
        // labels show at once instead of fading in: every fade is 300 ms of extra frames, and under
        // software GL (office PCs, the wall's players) a frame costs 0.1–1 s; the grids and planning
        // screens were ready about 1 s sooner at 200,000 issues (README, "The map at a million issues")
        fadeDuration: 0,
      })
      // the overlay's patterns before its tiles are cut (a missing one would cut them twice); its
      // feature states once the style is loaded (the effect below)
      for (const [id, image] of Object.entries(firstOverlay?.images ?? {}))
        instance.addImage(id, image, { pixelRatio: image.pixelRatio })
      overlayHeld.current = firstOverlay && { ...firstOverlay, states: {} }
      instance.touchZoomRotate.disableRotation()
      instance.keyboard.disableRotation()
      if (controls ?? true) {
        instance.addControl(
          new maplibregl.NavigationControl({ showCompass: false }),
          'bottom-right',
        )
        instance.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right')
      }

      // MapLibre owns the canvas size. luma.gl mirrors it into its own drawing-buffer size from a
      // ResizeObserver, and writes that back to the canvas when deck.gl draws; when the box changes
      // size right after the map is made (the wall's root font is set after the first layout), the
      // mirror can hold the earlier size, and both maps are then drawn into a buffer of the wrong
      // size (deck.gl layers km off the base map). After every MapLibre resize, and on any frame
      // where the two disagree, the mirror is set from the canvas again.
      let device: Device | undefined
      const syncDrawingBuffer = () => {
        const context = device?.getDefaultCanvasContext()
        if (!context) return
        const canvas = instance.getCanvas()
        const [width, height] = context.getDrawingBufferSize()
        if (width === canvas.width && height === canvas.height) return
        context.setDrawingBufferSize(canvas.width, canvas.height)
        instance.triggerRepaint()
      }
      instance.on('resize', syncDrawingBuffer)
      instance.on('render', syncDrawingBuffer)

      const overlay = new MapLibreOverlay({
        interleaved: true,
        layers: [],
        // luma.gl's GPU feature tests at start stay on: lazily (`_initializeFeatures: false`) the
        // float-texture extensions the wall's heatmap samples were never enabled (it drew nothing)
        onDeviceInitialized: (d) => {
          device = d
          syncDrawingBuffer()
        },
        // deck.gl writes the canvas cursor itself (its default is 'grab'): a forced cursor wins,
        // then the pointer over a picked object, else MapLibre's own (empty leaves its CSS)
        getCursor: ({ isHovering }) =>
          propsRef.current.cursor ??
          (isHovering || hovering.current !== undefined ? 'pointer' : ''),
      })
      // deck.gl starts only once there are layers for it: the grids workspace draws with MapLibre
      // alone until a proposal or an import check is shown, and an idle overlay would still set up
      // luma.gl and probe the GPU (blocking the page for a second under software GL).
      // Without parallel shader compiling (software GL, many office PCs) each deck.gl program
      // blocks the page for 0.1–0.3 s: a screen may let the map's first frame come first (the
      // overview's issue density, README), or after firstFrameWaitMs should the map never settle.
      // Otherwise at once: they compile while the worker cuts the base data (and are handed over
      // again on 'load', when their beforeIds exist)
      let mayStart = !propsRef.current.overlayAfterFirstFrame
      const handOver = () => {
        if (!mayStart || overlayRef.current === overlay || !propsRef.current.layers.length) return
        if (!instance.hasControl(overlay)) instance.addControl(overlay)
        overlayRef.current = overlay
        overlay.setProps({ layers: [...propsRef.current.layers] })
      }
      startDeck.current = handOver
      let handOverTimer: ReturnType<typeof setTimeout> | undefined
      if (!mayStart) {
        const later = () => {
          clearTimeout(handOverTimer)
          instance.off('idle', later)
          mayStart = true
          handOver()
          setLayersVersion((v) => v + 1) // readiness waits for these layers too
        }
        instance.once('idle', later)
        handOverTimer = setTimeout(later, firstFrameWaitMs)
      } else handOver()
      mapRef.current = instance
      window.__inspectionMap = instance
      window.__deckOverlay = overlay

      const emitView = () => {
        const c = instance.getCenter()
        propsRef.current.onViewChange?.({ lng: c.lng, lat: c.lat, zoom: instance.getZoom() })
      }
      instance.on('moveend', emitView)
      instance.on('click', (event) => {
        const { x, y } = event.point
        const r = pickRadiusPx * propsRef.current.scale
        const deckPicks = overlayRef.current
          ? overlay.pickMultipleObjects({ x, y, radius: r, depth: 8 })
          : [] // deck.gl not started yet (overlayAfterFirstFrame): nothing of it drawn
        const layerIds = [
          ...pickableBaseLayers.points,
          ...pickableBaseLayers.areas,
          ...(overlayHeld.current?.pickable ?? []),
        ].filter((id) => instance.getLayer(id))
        const baseFeatures = instance
          .queryRenderedFeatures(
            [
              [x - r, y - r],
              [x + r, y + r],
            ],
            { layers: layerIds },
          )
          .sort((a, b) => rank(a.layer.id) - rank(b.layer.id))
        propsRef.current.onClick?.({
          lngLat: [event.lngLat.lng, event.lngLat.lat],
          deckPicks,
          baseFeatures,
        })
      })
      // the overlay's pickable feature under the pointer, reported when it changes
      const hover = (feature: maplibregl.MapGeoJSONFeature | undefined) => {
        if (feature?.id === hovering.current) return
        hovering.current = feature?.id
        if (!propsRef.current.cursor) instance.getCanvas().style.cursor = feature ? 'pointer' : ''
        propsRef.current.onHover?.(feature)
      }
      instance.on('mousemove', (event) => {
        const layers = overlayHeld.current?.pickable?.filter((id) => instance.getLayer(id))
        if (layers?.length) hover(instance.queryRenderedFeatures(event.point, { layers })[0])
      })
      instance.on('mouseout', () => hover(undefined))
      instance.once('load', () => {
        emitView()
        for (const [id, data] of Object.entries(initial))
          applied.current.set(id as BaseSourceId, data)
        setBaseApplied(applied.current.size)
        setMap(instance)
        propsRef.current.onMap?.(instance)
      })
      return () => {
        clearTimeout(handOverTimer)
        startDeck.current = () => {}
        propsRef.current.onMap?.(null)
        overlayRef.current = null
        mapRef.current = null
        window.__inspectionMap = undefined
        window.__deckOverlay = undefined
        window.__mapReady = false
        applied.current.clear()
        instance.remove()
      }
    }
    let teardown: (() => void) | undefined
    let cancelled = false
    preloadCharacters(Object.values(initial).flatMap((data) => labelTexts(data))).then(() => {
      if (!cancelled) teardown = createMap()
    })
    return () => {
      cancelled = true
      teardown?.()
    }
  }, [])

  // deck.gl layers: hand them over; deck.gl diffs by id. beforeId needs the loaded style.
  useEffect(() => {
    startDeck.current()
    overlayRef.current?.setProps({ layers: props.layers })
    setLayersVersion((v) => v + 1)
  }, [props.layers])
  useEffect(() => {
    if (map) overlayRef.current?.setProps({ layers: [...propsRef.current.layers] })
  }, [map])

  // The screen's own style layers: only what changed is applied; a frame of them counts for
  // readiness like deck.gl's layers.
  useEffect(() => {
    if (!map) return
    applyOverlay(map, props.overlay, overlayHeld.current)
    overlayHeld.current = props.overlay
    setLayersVersion((v) => v + 1)
  }, [map, props.overlay])

  // A forced cursor (placing an issue) wins over the hover pointer.
  useEffect(() => {
    if (map) map.getCanvas().style.cursor = props.cursor ?? ''
  }, [map, props.cursor])

  // Fly to a requested point (a ledger row was clicked).
  const focusKey = props.focus?.key
  useEffect(() => {
    const focus = propsRef.current.focus
    if (!map || !focus || focusKey === undefined) return
    map.flyTo({
      center: focus.center,
      zoom: Math.max(map.getZoom(), focus.minZoom),
      offset: focus.offsetPx, // not `padding`: that would stick to the map for later moves
      duration: 800,
      essential: true,
    })
  }, [map, focusKey])

  // Base sources: load the label characters first, then fill the sources that changed. The font
  // subsets start loading as soon as the data is here, while MapLibre is still loading.
  useEffect(() => {
    void preloadCharacters(Object.values(props.baseSources).flatMap((data) => labelTexts(data)))
  }, [props.baseSources])
  useEffect(() => {
    if (!map) return
    const changed = (
      Object.entries(props.baseSources) as [BaseSourceId, FeatureCollection][]
    ).filter(([id, data]) => applied.current.get(id) !== data)
    if (!changed.length) return
    let cancelled = false
    const labels = changed.flatMap(([, data]) => labelTexts(data))
    preloadCharacters(labels).then(() => {
      if (cancelled) return
      for (const [id, data] of changed) {
        ;(map.getSource(id) as maplibregl.GeoJSONSource | undefined)?.setData(data)
        applied.current.set(id, data)
      }
      setBaseApplied(applied.current.size)
    })
    return () => {
      cancelled = true
    }
  }, [map, props.baseSources])

  // A configured base map: its tiles replace the offline fills under all of our lines, labels and
  // deck.gl layers; switching back removes them and restores the fills.
  const fillOpacities = useRef(
    new Map<string, maplibregl.DataDrivenPropertyValueSpecification<number>>(),
  ) // the offline fills' own opacities
  useEffect(() => {
    const base = props.baseMap
    if (!map) return
    for (const layer of map.getStyle().layers) {
      if (layer.id.startsWith(baseMapSourceId)) map.removeLayer(layer.id)
    }
    if (map.getSource(baseMapSourceId)) map.removeSource(baseMapSourceId)
    if (base) {
      map.addSource(baseMapSourceId, baseMapSource(base))
      const before = map.getLayer(baseMapBeforeId) ? baseMapBeforeId : undefined
      for (const layer of baseMapLayers(base, propsRef.current.theme)) map.addLayer(layer, before)
    }
    for (const id of fillsOverBaseMap) {
      if (!map.getLayer(id)) continue
      if (!fillOpacities.current.has(id))
        fillOpacities.current.set(
          id,
          (map.getPaintProperty(id, 'fill-opacity') as number | undefined) ?? 1,
        )
      map.setPaintProperty(id, 'fill-opacity', base ? 0 : fillOpacities.current.get(id))
    }
  }, [map, props.baseMap])

  // Base toggles switch style layers' visibility.
  useEffect(() => {
    if (!map) return
    for (const [toggle, layerIds] of Object.entries(baseLayerGroups)) {
      const visibility = props.baseVisibility[toggle as BaseToggle] ? 'visible' : 'none'
      for (const id of layerIds) {
        if (map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== visibility) {
          map.setLayoutProperty(id, 'visibility', visibility)
        }
      }
    }
  }, [map, props.baseVisibility])

  // Readiness: data settled, base sources filled, deck.gl layers loaded and a frame drawn after.
  useEffect(() => {
    const container = containerRef.current
    if (!map || !container) return
    container.dataset.layersVersion = String(layersVersion)
    if (!props.ready || baseApplied < Object.keys(props.baseSources).length) {
      container.dataset.ready = 'false'
      window.__mapReady = false
      return
    }
    // 'idle' comes after the last frame of a change, fades included; any later render resets it
    let idle = false
    const onRender = () => {
      idle = false
    }
    const onIdle = () => {
      idle = true
    }
    map.on('render', onRender)
    map.on('idle', onIdle)
    map.triggerRepaint()
    const timer = setInterval(() => {
      const deckDone = !propsRef.current.layers.length || deckLoaded(overlayRef.current)
      if (idle && deckDone) {
        clearInterval(timer)
        container.dataset.ready = 'true'
        window.__mapReady = true
      }
    }, 100)
    return () => {
      clearInterval(timer)
      map.off('render', onRender)
      map.off('idle', onIdle)
    }
  }, [map, props.ready, props.baseSources, baseApplied, layersVersion])

  return <div ref={containerRef} className="map-view" data-ready="false" />
}

interface DeckInternals {
  _deck?: { layerManager?: { getLayers(): { isLoaded: boolean }[] } | null }
}

/** Every deck.gl layer (and sublayer) has its async props, e.g. icon atlases, loaded. */
function deckLoaded(overlay: MapLibreOverlay | null): boolean {
  const layers = (overlay as unknown as DeckInternals | null)?._deck?.layerManager?.getLayers()
  return Boolean(layers?.every((layer) => layer.isLoaded))
}

function rank(layerId: string): number {
  return (pickableBaseLayers.points as readonly string[]).includes(layerId) ? 0 : 1
}

function labelTexts(data: FeatureCollection): string[] {
  const texts: string[] = []
  for (const feature of data.features) {
    const label = feature.properties?.label
    if (typeof label === 'string') texts.push(label)
  }
  return texts
}
