// The ranked candidate list: score, its breakdown per factor (stacked bar + table), select /
// unselect. Filterable by name, township, kind and 已选; exportable as CSV.
import { useMemo, useState } from 'react'
import { checkpointCategoryLabels, checkpointKindLabels } from '../../../server/domain/labels-zh.ts'
import { CheckboxLine } from '../../ui/checkbox-line.tsx'
import { TableHead } from '../../ui/data-table.tsx'
import { AriaSelect } from '../../ui/labelled-select.tsx'
import type { Candidate, FactorId, Weights } from './api.ts'
import type { CsvColumn } from './csv.ts'
import { factorContributions, factors } from './factors.ts'
import { ListTools, useFilteredList } from './list-tools.tsx'

export const factorColors: Record<FactorId, string> = {
  density: '#1f77b4',
  closure: '#2ca02c',
  overdue: '#d62728',
  category: '#9467bd',
  location: '#ff7f0e',
  spacing: '#17becf',
}

export interface CandidateListProps {
  items: readonly Candidate[]
  weights: Weights
  selected: ReadonlySet<string>
  onToggle: (id: string) => void
  onFocus: (candidate: Candidate) => void
  focusedId?: string
  stale: boolean // a newer ranking is on its way
}

const pageSize = 40

const csvColumns: CsvColumn<Candidate & { rank: number }>[] = [
  { header: '排名', value: (c) => c.rank },
  { header: '编号', value: (c) => c.checkpointId },
  { header: '名称', value: (c) => c.name },
  { header: '类型', value: (c) => checkpointKindLabels[c.kind] },
  { header: '类别', value: (c) => checkpointCategoryLabels[c.category] ?? c.category },
  { header: '乡镇', value: (c) => c.townshipName },
  { header: '得分', value: (c) => round1(c.score) },
  ...factors.map((f) => ({
    header: `${f.label}（因子）`,
    value: (c: Candidate) => round2(c.factors[f.id]),
  })),
  { header: '近90天问题', value: (c) => c.raw.recentIssues },
  {
    header: '网格办结率',
    value: (c) => (c.raw.gridClosureRate === null ? '' : round2(c.raw.gridClosureRate)),
  },
  { header: '网格逾期', value: (c) => c.raw.gridOverdue },
  { header: '已选', value: (c) => c.chosen },
  { header: '经度', value: (c) => c.lngLat[0] },
  { header: '纬度', value: (c) => c.lngLat[1] },
]

function round1(n: number): number {
  return Math.round(n * 10) / 10
}
function round2(n: number | undefined): number | undefined {
  return n === undefined ? undefined : Math.round(n * 100) / 100
}

export function CandidateList(props: CandidateListProps) {
  const { items, weights, selected, onToggle, onFocus, focusedId, stale } = props
  const [township, setTownship] = useState('')
  const [kind, setKind] = useState('')
  const [onlySelected, setOnlySelected] = useState(false)
  const [limit, setLimit] = useState(pageSize)
  const townships = useMemo(
    () => [...new Map(items.map((c) => [c.townshipCode, c.townshipName])).entries()].sort(),
    [items],
  )
  const ranked = useMemo(
    () => items.map((c, i) => ({ ...c, rank: i + 1, chosen: selected.has(c.checkpointId) })),
    [items, selected],
  )
  const list = useFilteredList(
    ranked,
    (c) => [c.name, c.checkpointId, checkpointCategoryLabels[c.category], c.townshipName],
    (c) =>
      (!township || c.townshipCode === township) &&
      (!kind || c.kind === kind) &&
      (!onlySelected || c.chosen),
  )
  const shown = list.rows
  return (
    <section className="plan-section" aria-label="候选点排名">
      <ListTools
        list={list}
        placeholder="筛选名称、编号、类别"
        csv={{ stem: '示范点候选排名', columns: csvColumns }}
        testId="candidate-tools"
      >
        <AriaSelect
          label="按乡镇筛选"
          value={township}
          empty="全部乡镇"
          options={townships.map(([value, label]) => ({ value, label }))}
          onChange={setTownship}
        />
        <select value={kind} onChange={(e) => setKind(e.target.value)} aria-label="按点位类型筛选">
          <option value="">固定+随机</option>
          <option value="fixed">固定点位</option>
          <option value="random">随机点位</option>
        </select>
        <CheckboxLine checked={onlySelected} onChange={setOnlySelected}>
          只看已选
        </CheckboxLine>
      </ListTools>
      <div className="plan-factor-key" aria-hidden="true">
        {factors.map((f) => (
          <span key={f.id}>
            <i style={{ background: factorColors[f.id] }} />
            {f.label}
          </span>
        ))}
      </div>
      {shown.length === 0 ? (
        <p className="plan-empty">
          {ranked.length === 0
            ? '没有候选点位：点位数据尚未导入或全部被筛除。'
            : '没有符合筛选条件的点位，请放宽筛选。'}
        </p>
      ) : (
        <ol className={`plan-candidates${stale ? ' is-stale' : ''}`} data-testid="candidate-list">
          {shown.slice(0, limit).map((c) => (
            <CandidateRow
              key={c.checkpointId}
              candidate={c}
              weights={weights}
              chosen={c.chosen}
              focused={c.checkpointId === focusedId}
              onToggle={() => onToggle(c.checkpointId)}
              onFocus={() => onFocus(c)}
            />
          ))}
        </ol>
      )}
      {shown.length > limit && (
        <button
          type="button"
          className="text-button plan-more"
          onClick={() => setLimit(limit + pageSize)}
        >
          显示更多（还有 {shown.length - limit} 个）
        </button>
      )}
    </section>
  )
}

interface CandidateRowProps {
  candidate: Candidate & { rank: number }
  weights: Weights
  chosen: boolean
  focused: boolean
  onToggle: () => void
  onFocus: () => void
}

function CandidateRow({
  candidate: c,
  weights,
  chosen,
  focused,
  onToggle,
  onFocus,
}: CandidateRowProps) {
  const parts = factorContributions(weights, c.factors)
  return (
    <li
      className={`plan-candidate${chosen ? ' is-chosen' : ''}${focused ? ' is-focused' : ''}`}
      data-id={c.checkpointId}
      data-testid="candidate-row"
    >
      <div className="plan-candidate__top">
        <span className="plan-candidate__rank">{c.rank}</span>
        <input
          type="checkbox"
          checked={chosen}
          onChange={onToggle}
          aria-label={chosen ? `从方案移除 ${c.name}` : `加入方案 ${c.name}`}
        />
        <button
          type="button"
          className="plan-candidate__name"
          onClick={onFocus}
          title="在地图上定位"
        >
          {c.name}
        </button>
        <strong className="plan-candidate__score" data-testid="candidate-score">
          {c.score.toFixed(1)}
        </strong>
      </div>
      <div className="plan-candidate__meta muted">
        {c.townshipName} · {checkpointKindLabels[c.kind]} ·{' '}
        {checkpointCategoryLabels[c.category] ?? c.category}
      </div>
      <div
        className="plan-breakdown"
        role="img"
        aria-label={`得分构成：${factors.map((f) => `${f.label} ${parts[f.id].toFixed(1)}`).join('，')}`}
      >
        {factors.map((f) => (
          <span
            key={f.id}
            style={{ width: `${parts[f.id]}%`, background: factorColors[f.id] }}
            title={`${f.label}：${parts[f.id].toFixed(1)} 分`}
          />
        ))}
      </div>
      <details className="plan-candidate__details">
        <summary>得分明细</summary>
        <table className="plan-table">
          <TableHead headings={['因子', '因子值', '权重', '得分贡献']} />
          <tbody>
            {factors.map((f) => (
              <tr key={f.id}>
                <td>{f.label}</td>
                <td>{(c.factors[f.id] ?? 0).toFixed(2)}</td>
                <td>{weights[f.id]}</td>
                <td>{parts[f.id].toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">
          近 90 天 300 米内问题 {c.raw.recentIssues} 条；网格办结率{' '}
          {c.raw.gridClosureRate === null
            ? '无问题'
            : `${Math.round(c.raw.gridClosureRate * 100)}%`}
          ，逾期 {c.raw.gridOverdue} 条；
          {c.raw.inRadius
            ? '在 1 公里范围内'
            : c.raw.onCorridor
              ? '在沿线走廊上'
              : '不在 1 公里范围或走廊上'}
          {c.raw.nearestChosenM !== null
            ? `；距最近已选点 ${Math.round(c.raw.nearestChosenM)} 米`
            : ''}
          。
        </p>
      </details>
    </li>
  )
}
