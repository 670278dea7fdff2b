// Saved plans: a filterable list (载入, 设为A/B, 导出 XLSX/GeoJSON, 删除) and the side-by-side
// comparison of two of them (numbers here; onlyA / onlyB / both on the map).
import { formatDateTime } from '../../lib/format.ts'
import { toCssColor } from '../../lib/legend.ts'
import { TableHead } from '../../ui/data-table.tsx'
import { RetryError } from '../../ui/retry-error.tsx'
import type { PlanComparison, PlanListItem } from './api.ts'
import { planExportUrl } from './api.ts'
import type { CsvColumn } from './csv.ts'
import { starColors } from './layers.ts'
import { ListTools, useFilteredList } from './list-tools.tsx'
import { pairRows, summaryRows } from './plan-summary.ts'

export interface PlanListProps {
  plans: readonly PlanListItem[] | undefined
  loading: boolean
  error?: string
  loadedId?: string
  compare: { a?: string; b?: string }
  canEdit: boolean
  onLoad: (plan: PlanListItem) => void
  onCompareChange: (compare: { a?: string; b?: string }) => void
  onDelete: (plan: PlanListItem) => void
  onRetry: () => void
}

const csvColumns: CsvColumn<PlanListItem>[] = [
  { header: '编号', value: (p) => p.id },
  { header: '方案名称', value: (p) => p.name },
  { header: '点位数', value: (p) => p.checkpointIds.length },
  { header: '平均得分', value: (p) => p.summary?.meanScore },
  { header: '创建人', value: (p) => p.createdBy },
  { header: '更新时间（北京时间）', value: (p) => formatDateTime(p.updatedAt) },
  { header: '点位编号', value: (p) => p.checkpointIds.join(' ') },
]

export function PlanList(props: PlanListProps) {
  const { plans, loading, error, loadedId, compare, canEdit } = props
  const list = useFilteredList(plans ?? [], (p) => [p.name, p.id, p.createdBy])
  if (loading)
    return (
      <p className="plan-empty" role="status">
        正在加载已保存的方案…
      </p>
    )
  if (error) return <RetryError as="div" message={error} onRetry={props.onRetry} />
  return (
    <section className="plan-section" aria-label="已保存的方案">
      <ListTools
        list={list}
        placeholder="筛选方案名称"
        csv={{ stem: '示范点方案列表', columns: csvColumns }}
      />
      {list.total === 0 ? (
        <p className="plan-empty">
          还没有保存的方案：选好点位或“一键优化”后，在上方填写名称并保存。
        </p>
      ) : (
        <table className="plan-table plan-plans" data-testid="plan-list">
          <TableHead headings={['方案', '点位', '均分', ['A / B', '选两个方案对比'], '操作']} />
          <tbody>
            {list.rows.map((p) => (
              <tr
                key={p.id}
                className={p.id === loadedId ? 'is-current' : undefined}
                data-plan={p.name}
              >
                <td>
                  <strong>{p.name}</strong>
                  <div className="muted">
                    {p.createdBy} · {formatDateTime(p.updatedAt)}
                  </div>
                </td>
                <td>{p.checkpointIds.length}</td>
                <td>
                  {typeof p.summary?.meanScore === 'number' ? p.summary.meanScore.toFixed(1) : '—'}
                </td>
                <td className="plan-plans__ab">
                  {(['a', 'b'] as const).map((side) => (
                    <label key={side} title={`设为方案 ${side.toUpperCase()}`}>
                      <input
                        type="radio"
                        name={`compare-${side}`}
                        checked={compare[side] === p.id}
                        data-testid={`compare-${side}`}
                        onChange={() => props.onCompareChange({ ...compare, [side]: p.id })}
                      />
                      {side.toUpperCase()}
                    </label>
                  ))}
                </td>
                <td className="plan-plans__actions">
                  <button type="button" className="link-button" onClick={() => props.onLoad(p)}>
                    载入
                  </button>
                  <a href={planExportUrl(p.id, 'xlsx')} download data-testid="export-xlsx">
                    XLSX
                  </a>
                  <a href={planExportUrl(p.id, 'geojson')} download data-testid="export-geojson">
                    GeoJSON
                  </a>
                  {canEdit && (
                    <button
                      type="button"
                      className="link-button is-danger"
                      onClick={() => {
                        if (window.confirm(`确定删除方案“${p.name}”？删除后不能恢复。`))
                          props.onDelete(p)
                      }}
                    >
                      删除
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

export interface PlanCompareProps {
  a: PlanListItem
  b: PlanListItem
  comparison: PlanComparison | undefined
  loading: boolean
  error?: string
  townshipName: (code: string) => string
  onClose: () => void
}

export function PlanCompare({
  a,
  b,
  comparison,
  loading,
  error,
  townshipName,
  onClose,
}: PlanCompareProps) {
  const sa = comparison?.a
  const sb = comparison?.b
  const rows = pairRows(
    summaryRows(sa ?? a.summary, townshipName),
    summaryRows(sb ?? b.summary, townshipName),
  )
  const counts = comparison
    ? {
        onlyA: comparison.onlyA.length,
        onlyB: comparison.onlyB.length,
        both: comparison.both.length,
      }
    : undefined
  return (
    <section className="plan-compare" aria-label="方案对比" data-testid="plan-compare">
      <header className="plan-compare__header">
        <h3>
          方案对比：<span style={{ color: toCssColor(starColors.onlyA) }}>A {a.name}</span> vs{' '}
          <span style={{ color: toCssColor(starColors.onlyB) }}>B {b.name}</span>
        </h3>
        <button type="button" className="text-button" onClick={onClose}>
          结束对比
        </button>
      </header>
      {loading && <p role="status">正在对比…</p>}
      {error && <p className="form-error">{error}</p>}
      {counts && (
        <ul className="plan-compare__counts" data-testid="compare-counts">
          <li style={{ borderColor: toCssColor(starColors.onlyA) }}>
            仅 A <strong>{counts.onlyA}</strong>
          </li>
          <li style={{ borderColor: toCssColor(starColors.both) }}>
            共有 <strong>{counts.both}</strong>
          </li>
          <li style={{ borderColor: toCssColor(starColors.onlyB) }}>
            仅 B <strong>{counts.onlyB}</strong>
          </li>
        </ul>
      )}
      <table className="plan-table">
        <TableHead headings={['指标', 'A', 'B']} />
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className={r.a !== r.b ? 'is-diff' : undefined}>
              <td>{r.label}</td>
              <td>{r.a}</td>
              <td>{r.b}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
