// Issues on the map as the server's vector tiles (OGC API – Tiles, MVT): a MapLibre heatmap of the
// density cells every tile carries (aggregated on the server at every zoom), and the single issues
// from zoom 13. The map never downloads the issues collection. Pure: URLs and style layers.
import type {
  FilterSpecification,
  LayerSpecification,
  VectorSourceSpecification,
} from 'maplibre-gl'
import { issueStatuses } from '../../../server/domain/issue.ts'
import { apiUrl } from '../../lib/api-client.ts'
import type { Rgba } from '../../lib/legend.ts'
import { heatmapColors, issuePointsMinZoom, issueStatusColors } from './layers.ts'
import { type LedgerFilter, ledgerPeriodOf } from './ledger-filter.ts'

export const issueTileSourceId = 'issue-tiles'
export const issueTileLayerIds = {
  heatmap: 'issue-tiles-heatmap',
  points: 'issue-tiles-points',
} as const

/** `2026-11-22T23:59:59+08:00`: an instant as Beijing wall time, as OGC datetime takes it. */
function beijingInstant(ms: number): string {
  return `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`
}

/**
 * The items filters the tiles take, from the ledger filter (the text search `q` is list-only); a
 * 时段 becomes the `datetime` interval of its Beijing days (发现时间), resolved at `now`.
 */
export function issueTileQuery(
  filter: Pick<
    LedgerFilter,
    | 'status'
    | 'category'
    | 'township'
    | 'unit'
    | 'overdue'
    | 'source'
    | 'period'
    | 'from'
    | 'to'
    | 'round'
  >,
  now: Date = new Date(),
): string {
  const params = new URLSearchParams()
  if (filter.status) params.set('status', filter.status)
  if (filter.category) params.set('category', filter.category)
  if (filter.township) params.set('townshipCode', filter.township)
  if (filter.unit) params.set('responsibleUnit', filter.unit)
  if (filter.overdue !== undefined) params.set('overdue', String(filter.overdue))
  if (filter.source) params.set('source', filter.source)
  if (filter.round) params.set('roundId', filter.round)
  const period = ledgerPeriodOf(filter, now)
  if (period) {
    // OGC intervals are closed: the last second of the period's last day
    params.set(
      'datetime',
      `${beijingInstant(period.startMs)}/${beijingInstant(period.endMs - 1000)}`,
    )
  }
  return params.toString()
}

/** The tile URL template MapLibre fills in (OGC order: z/y/x); absolute, as workers need. */
export function issueTileUrl(query: string): string {
  const base = apiUrl('collections/issues/tiles/WebMercatorQuad/')
  return `${base}{z}/{y}/{x}${query ? `?${query}` : ''}`
}

/** The tiles as a style source (server tiles stop at 16; MapLibre overzooms past it). */
export function issueTileSource(query: string): VectorSourceSpecification {
  return { type: 'vector', tiles: [issueTileUrl(query)], minzoom: 0, maxzoom: 16 }
}

const css = ([r, g, b, a]: Rgba) => `rgba(${r},${g},${b},${(a / 255).toFixed(3)})`

export interface IssueTileLayerOptions {
  scale: number // UI scale (px multiplier)
  heatmapVisible: boolean
  pointsVisible: boolean
  beforeId?: string // style layer the heatmap and points go under (the labels)
}

/** The heatmap (open issues per density cell) and the single issues, as MapLibre style layers. */
export function issueTileLayers(options: IssueTileLayerOptions): LayerSpecification[] {
  const { scale } = options
  const [c0, c1, c2, c3, c4, c5] = heatmapColors.map(css)
  const notClosed: FilterSpecification = ['>', ['get', 'open'], 0]
  return [
    {
      id: issueTileLayerIds.heatmap,
      type: 'heatmap',
      source: issueTileSourceId,
      'source-layer': 'issues-density',
      filter: notClosed,
      layout: { visibility: options.heatmapVisible ? 'visible' : 'none' },
      paint: {
        // a cell holds up to thousands of issues at county zoom: weigh by log so hot spots stay
        // readable and lone issues still show
        'heatmap-weight': ['ln', ['+', 1, ['get', 'open']]],
        'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 8, 0.6, 13, 1.2, 16, 2],
        'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 8, 14 * scale, 13, 24 * scale],
        'heatmap-opacity': [
          'interpolate',
          ['linear'],
          ['zoom'],
          issuePointsMinZoom - 0.5,
          0.75,
          issuePointsMinZoom,
          0.3, // a faint glow once the points tell the story
        ],
        'heatmap-color': [
          'interpolate',
          ['linear'],
          ['heatmap-density'],
          0,
          'rgba(255,255,178,0)',
          0.05,
          c0 as string,
          0.25,
          c1 as string,
          0.45,
          c2 as string,
          0.6,
          c3 as string,
          0.8,
          c4 as string,
          1,
          c5 as string,
        ],
      },
    },
    {
      id: issueTileLayerIds.points,
      type: 'circle',
      source: issueTileSourceId,
      'source-layer': 'issues',
      minzoom: issuePointsMinZoom,
      layout: {
        visibility: options.pointsVisible ? 'visible' : 'none',
        'circle-sort-key': ['case', ['==', ['get', 'status'], 'closed'], 0, 1], // open on top
      },
      paint: {
        'circle-color': [
          'match',
          ['get', 'status'],
          ...issueStatuses.flatMap((s) => [s, css(issueStatusColors[s])]),
          'rgba(134,142,150,1)',
        ] as never,
        'circle-radius': ['case', ['get', 'overdue'], 6.5 * scale, 5 * scale],
        'circle-stroke-color': ['case', ['get', 'overdue'], 'rgba(33,37,41,1)', '#ffffff'],
        'circle-stroke-width': ['case', ['get', 'overdue'], 2.5 * scale, 1.2 * scale],
      },
    },
  ]
}
