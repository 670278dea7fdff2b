// Layer toggles with their legends, counts, loading progress, empty states and fetch errors.

import { formatCount } from '../lib/format.ts'
import type { LegendSwatch as Swatch } from '../lib/legend.ts'
import { useLoadProgress } from '../lib/load-progress.ts'
import { LegendSwatch } from './legend-swatch.tsx'

export interface LayerEntry {
  id: string
  title: string
  group: string // section heading: 底图 / 专题图层
  visible: boolean
  status: 'loading' | 'error' | 'ready'
  progressId?: string // collection whose download progress to show while loading
  count?: string // e.g. `1,234 条`
  error?: string // Chinese message from the API client
  onRetry?: () => void
  empty?: string // why the layer has nothing to draw
  note?: string // e.g. a zoom hint
  swatches: Swatch[]
  legendColumns?: 1 | 2 // 1 for long labels such as unit names
}

/** The base-map switcher: the offline map first, then the configured ones (BASE_MAPS_FILE). */
export interface BaseMapChoice {
  options: { id: string; name: string }[]
  selected: string
  onSelect: (id: string) => void
}

export interface LayerPanelProps {
  entries: LayerEntry[]
  baseMaps?: BaseMapChoice // absent (none configured): no switcher
  onToggle: (id: string, visible: boolean) => void
  legendsOpen: boolean // long legends start unfolded (tall screens) or folded
  notice?: string // e.g. that the ledger filter narrows the issue layers
}

/** The 图层 tab of the side panel: toggles grouped by 底图 / 专题图层. */
export function LayerPanel({ entries, baseMaps, onToggle, legendsOpen, notice }: LayerPanelProps) {
  const groups = [...new Set(entries.map((e) => e.group))]
  return (
    <div className="panel__body layer-panel" data-testid="layer-panel">
      {notice && <p className="layer-panel__notice">{notice}</p>}
      {baseMaps && baseMaps.options.length > 1 && <BaseMapSwitcher {...baseMaps} />}
      {groups.map((group) => (
        <div key={group} className="layer-group">
          <h3>{group}</h3>
          <ul>
            {entries
              .filter((e) => e.group === group)
              .map((entry) => (
                <LayerRow
                  key={entry.id}
                  entry={entry}
                  onToggle={onToggle}
                  legendOpen={legendsOpen}
                />
              ))}
          </ul>
        </div>
      ))}
    </div>
  )
}

function BaseMapSwitcher({ options, selected, onSelect }: BaseMapChoice) {
  return (
    <fieldset className="basemap-switcher" data-testid="basemap-switcher">
      <legend>底图来源</legend>
      {options.map((option) => (
        <label key={option.id} className="basemap-switcher__option">
          <input
            type="radio"
            name="basemap"
            value={option.id}
            checked={option.id === selected}
            onChange={() => onSelect(option.id)}
            data-basemap={option.id}
          />
          {option.name}
        </label>
      ))}
    </fieldset>
  )
}

const longLegend = 6 // more swatches than this fold into a <details>

interface LayerRowProps {
  entry: LayerEntry
  onToggle: LayerPanelProps['onToggle']
  legendOpen: boolean
}

function LayerRow({ entry, onToggle, legendOpen }: LayerRowProps) {
  const inputId = `layer-toggle-${entry.id}`
  return (
    <li
      className={`layer-row${entry.visible ? '' : ' is-off'}`}
      data-layer={entry.id}
      data-status={entry.status}
    >
      <div className="layer-row__head">
        <input
          id={inputId}
          type="checkbox"
          checked={entry.visible}
          onChange={(event) => onToggle(entry.id, event.target.checked)}
          data-layer-toggle={entry.id}
        />
        <label htmlFor={inputId}>{entry.title}</label>
        <span className="layer-row__count">
          {entry.status === 'ready' ? entry.count : entry.status === 'loading' ? <Spinner /> : '!'}
        </span>
      </div>
      {entry.status === 'loading' && <Progress collectionId={entry.progressId} />}
      {entry.status === 'error' && (
        <div className="layer-row__error" role="alert">
          <p>{entry.error ?? '加载失败，请重试。'}</p>
          {entry.onRetry && (
            <button type="button" className="text-button" onClick={entry.onRetry}>
              重试
            </button>
          )}
        </div>
      )}
      {entry.status === 'ready' && entry.empty && <p className="layer-row__empty">{entry.empty}</p>}
      {entry.status === 'ready' && !entry.empty && entry.note && (
        <p className="layer-row__note">{entry.note}</p>
      )}
      {entry.swatches.length > longLegend ? (
        <details className="legend-details" open={legendOpen}>
          <summary>图例（{entry.swatches.length} 类）</summary>
          <Legend swatches={entry.swatches} columns={entry.legendColumns} />
        </details>
      ) : (
        entry.swatches.length > 0 && (
          <Legend swatches={entry.swatches} columns={entry.legendColumns} />
        )
      )}
    </li>
  )
}

function Legend({ swatches, columns = 2 }: { swatches: Swatch[]; columns?: 1 | 2 }) {
  return (
    <ul className={columns === 1 ? 'legend is-single' : 'legend'}>
      {swatches.map((swatch) => (
        <li
          key={swatch.label}
          title={swatch.label}
          className={swatch.shape === 'gradient' ? 'is-wide' : undefined}
        >
          <LegendSwatch swatch={swatch} />
          <span>{swatch.label}</span>
        </li>
      ))}
    </ul>
  )
}

function Spinner() {
  return <span className="spinner" role="status" aria-label="加载中" />
}

function Progress({ collectionId }: { collectionId?: string }) {
  const progress = useLoadProgress(collectionId ?? '')
  const total = progress?.total
  const text = !progress
    ? '正在加载…'
    : total
      ? `正在加载 ${formatCount(progress.loaded)} / ${formatCount(total)}`
      : `已加载 ${formatCount(progress.loaded)} 条`
  return (
    <div className="layer-row__progress">
      <progress max={total ?? undefined} value={total ? progress?.loaded : undefined} />
      <span>{text}</span>
    </div>
  )
}
