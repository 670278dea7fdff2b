// Drawing on the workspace map with terra-draw: box (rectangle) and lasso (freehand, or polygon by
// clicks) to select grids, a line to split one, and the select mode with draggable vertices to
// redraw a boundary. terra-draw draws in MapLibre style layers on top of the interleaved deck.gl
// overlay and takes over dragging only while a drawing mode is on, so the two live side by side.
import type { Feature, LineString, Polygon } from 'geojson'
import type { Map as MapLibreMap } from 'maplibre-gl'
import { useEffect, useRef, useState } from 'react'
import {
  type GeoJSONStoreFeatures,
  TerraDraw,
  TerraDrawFreehandMode,
  TerraDrawLineStringMode,
  TerraDrawPolygonMode,
  TerraDrawRectangleMode,
  TerraDrawSelectMode,
} from 'terra-draw'
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter'

export const drawTools = ['pick', 'box', 'lasso', 'polygon', 'line', 'reshape'] as const
export type DrawTool = (typeof drawTools)[number]

const modeOf: Record<DrawTool, string> = {
  pick: 'static',
  box: 'rectangle',
  lasso: 'freehand',
  polygon: 'polygon',
  line: 'linestring',
  reshape: 'select',
}

const ink = '#0b57d0'
const splitInk = '#c2255c'

export interface DrawCallbacks {
  /** A box or lasso was closed (shift held at its end: add to the selection). */
  onArea?: (polygon: Polygon, additive: boolean) => void
  /** The split line was finished (double-click or click on its last point). */
  onLine?: (line: LineString) => void
}

export interface GridDraw {
  ready: boolean
  /** The polygon being reshaped, as edited so far. */
  editedPolygon: () => Polygon | undefined
  /** Puts a polygon up for vertex editing (reshape tool). */
  editPolygon: (polygon: Polygon | undefined) => void
  clear: () => void
}

export function useGridDraw(
  map: MapLibreMap | null,
  tool: DrawTool,
  callbacks: DrawCallbacks,
): GridDraw {
  const drawRef = useRef<TerraDraw | null>(null)
  const callbacksRef = useRef(callbacks)
  callbacksRef.current = callbacks
  const editedId = useRef<string | number | undefined>(undefined)
  const shiftRef = useRef(false)
  const [ready, setReady] = useState(false)

  useEffect(() => {
    if (!map) return
    const draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map, prefixId: 'grid-draw' }),
      modes: [
        new TerraDrawRectangleMode({
          drawInteraction: 'click-drag',
          styles: { fillColor: ink, fillOpacity: 0.12, outlineColor: ink, outlineWidth: 2 },
        }),
        new TerraDrawFreehandMode({
          drawInteraction: 'click-drag',
          styles: { fillColor: ink, fillOpacity: 0.12, outlineColor: ink, outlineWidth: 2 },
        }),
        new TerraDrawPolygonMode({
          styles: { fillColor: ink, fillOpacity: 0.12, outlineColor: ink, outlineWidth: 2 },
        }),
        new TerraDrawLineStringMode({
          styles: { lineStringColor: splitInk, lineStringWidth: 3 },
        }),
        new TerraDrawSelectMode({
          flags: {
            polygon: {
              feature: {
                draggable: false,
                coordinates: { draggable: true, midpoints: true, deletable: true },
              },
            },
          },
          allowManualDeselection: false,
          styles: {
            selectedPolygonColor: '#f59f00',
            selectedPolygonFillOpacity: 0.25,
            selectedPolygonOutlineColor: '#b35c00',
            selectedPolygonOutlineWidth: 3,
            selectionPointColor: '#b35c00',
            selectionPointWidth: 5,
            midPointColor: '#f59f00',
          },
        }),
      ],
    })
    draw.start()
    const onKey = (e: KeyboardEvent) => {
      shiftRef.current = e.shiftKey
    }
    window.addEventListener('keydown', onKey)
    window.addEventListener('keyup', onKey)
    draw.on('finish', (id, context) => {
      const feature = draw.getSnapshotFeature(id)
      if (!feature) return
      const mode = String(feature.properties.mode)
      if (context.action !== 'draw') return
      if (mode === 'rectangle' || mode === 'freehand' || mode === 'polygon') {
        callbacksRef.current.onArea?.(feature.geometry as Polygon, shiftRef.current)
        draw.removeFeatures([id])
      } else if (mode === 'linestring') {
        // one line at a time: a new one replaces the last
        const others = draw
          .getSnapshot()
          .filter((f) => f.properties.mode === 'linestring' && f.id !== id)
          .map((f) => f.id as string)
        if (others.length) draw.removeFeatures(others)
        callbacksRef.current.onLine?.(feature.geometry as LineString)
      }
    })
    drawRef.current = draw
    setReady(true)
    return () => {
      window.removeEventListener('keydown', onKey)
      window.removeEventListener('keyup', onKey)
      drawRef.current = null
      editedId.current = undefined
      setReady(false)
      // the map may already be gone (screen unmounting); terra-draw then has nothing to clean
      try {
        draw.stop()
      } catch {}
    }
  }, [map])

  useEffect(() => {
    const draw = drawRef.current
    if (!draw || !ready) return
    draw.setMode(modeOf[tool])
    if (tool !== 'line') {
      const lines = draw
        .getSnapshot()
        .filter((f) => f.properties.mode === 'linestring')
        .map((f) => f.id as string)
      if (lines.length) draw.removeFeatures(lines)
    }
    if (tool === 'reshape' && editedId.current !== undefined) {
      draw.selectFeature(editedId.current)
    }
  }, [tool, ready])

  return {
    ready,
    editedPolygon: () => {
      const id = editedId.current
      const feature = id === undefined ? undefined : drawRef.current?.getSnapshotFeature(id)
      return feature?.geometry.type === 'Polygon' ? (feature.geometry as Polygon) : undefined
    },
    editPolygon: (polygon) => {
      const draw = drawRef.current
      if (!draw) return
      if (editedId.current !== undefined && draw.hasFeature(editedId.current)) {
        draw.removeFeatures([editedId.current])
      }
      editedId.current = undefined
      if (!polygon) return
      const id = draw.getFeatureId()
      const feature: Feature<Polygon> = {
        type: 'Feature',
        id: id as string,
        geometry: polygon,
        properties: { mode: 'polygon' },
      }
      const [result] = draw.addFeatures([feature as GeoJSONStoreFeatures])
      if (!result?.valid) return
      editedId.current = id
      if (draw.getMode() === 'select') draw.selectFeature(id)
    },
    clear: () => {
      const draw = drawRef.current
      if (!draw) return
      draw.clear()
      editedId.current = undefined
    },
  }
}
