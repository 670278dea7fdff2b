// 工作量: per manager or per unit bars (open, overdue, points, area and the weighted workload),
// the spread, and 建议调整 → a proposal shown as a diff on the map → 接受 / 放弃.
import { useMutation, useQuery } from '@tanstack/react-query'
import { formatCount } from '../../lib/format.ts'
import { SelectOptions } from '../../ui/labelled-select.tsx'
import { Segmented } from '../../ui/segmented.tsx'
import {
  assignGrids,
  type RebalanceProposal,
  type Spread,
  suggestRebalance,
  type WorkloadBy,
  workloadQuery,
} from './api.ts'
import { ErrorBox, LoadErrorBox } from './error-box.tsx'
import type { Option } from './grid-table.tsx'
import { type GridWrite, onConflictError } from './grid-write.ts'
import { describeRatioChange, groupMoves, movesToAssignments } from './rebalance-diff.ts'

/** What the workload is counted by, over the county or one township ('' for the county). */
export interface WorkloadScope {
  by: WorkloadBy
  township: string
}

export interface WorkloadPanelProps {
  scope: WorkloadScope
  onScopeChange: (scope: WorkloadScope) => void
  townships: Option[]
  proposal: RebalanceProposal | undefined
  onProposal: (proposal: RebalanceProposal | undefined) => void
  canEdit: boolean
  write: GridWrite
  colorOf: (owner: string) => string // CSS colour of an owner on the map
  nameOf: (owner: string) => string | undefined
}

export function WorkloadPanel(props: WorkloadPanelProps) {
  const { proposal, scope } = props
  const { by, township } = scope
  // a proposal is for the scope it was made in
  const choose = (patch: Partial<WorkloadScope>) => {
    props.onScopeChange({ ...scope, ...patch })
    props.onProposal(undefined)
  }
  const workload = useQuery(workloadQuery(by, township))
  const suggest = useMutation({
    mutationFn: () => suggestRebalance(by, township),
    onSuccess: (p) => props.onProposal(p),
  })
  const accept = useMutation({
    mutationFn: (p: RebalanceProposal) =>
      assignGrids({
        assignments: movesToAssignments(p.moves, p.by),
        moveOpenIssues: true,
        note: '工作量均衡调整',
        gridsVersion: props.write.gridsVersion,
      }),
    onSuccess: (result) => {
      props.onProposal(undefined)
      props.write.onWritten(`已按建议调整 ${result.changed} 个网格。`)
    },
    onError: onConflictError(props.write),
  })
  const items = [...(workload.data?.items ?? [])].sort((a, b) => b.workload - a.workload)
  const max = Math.max(1, ...items.map((i) => i.workload))
  const groups = proposal ? groupMoves(proposal.moves, props.nameOf) : []

  return (
    <div className="workload" data-testid="workload-panel">
      <div className="workload__controls">
        <Segmented
          label="统计对象"
          segments={[
            { value: 'manager', label: '按网格长' },
            { value: 'unit', label: '按责任单位' },
          ]}
          value={by}
          onChange={(b) => choose({ by: b })}
        />
        <label className="grid-table__field">
          <span>乡镇</span>
          <select value={township} onChange={(e) => choose({ township: e.target.value })}>
            <SelectOptions empty="全县" options={props.townships} />
          </select>
        </label>
        {props.canEdit && (
          <button
            type="button"
            className="button"
            disabled={suggest.isPending || items.length < 2}
            onClick={() => suggest.mutate()}
            data-testid="rebalance-button"
          >
            {suggest.isPending ? '正在计算…' : '建议调整'}
          </button>
        )}
      </div>
      <ErrorBox error={suggest.error} />
      {proposal ? (
        <section className="proposal" data-testid="proposal">
          <h3>调整建议（{by === 'manager' ? '网格长' : '责任单位'}）</h3>
          {proposal.moves.length === 0 ? (
            <p className="empty-note">
              当前工作量已较均衡，或各{by === 'manager' ? '网格长' : '单位'}
              的网格无法在保持连片的前提下移动，暂无调整建议。
            </p>
          ) : (
            <>
              <p>
                建议移交 <strong>{proposal.moves.length}</strong> 个网格。工作量最高/最低比：
                <strong>{describeRatioChange(proposal.before.ratio, proposal.after.ratio)}</strong>
                ；标准差 {proposal.before.stdev.toFixed(1)} → {proposal.after.stdev.toFixed(1)}。
                地图上以新责任人的颜色勾出移交的网格。
              </p>
              <ul className="proposal__list">
                {groups.map((g) => (
                  <li key={`${g.from}-${g.to}`}>
                    <span className="dot" style={{ background: props.colorOf(g.from) }} />
                    {g.fromName} →{' '}
                    <span className="dot" style={{ background: props.colorOf(g.to) }} />
                    {g.toName}：{g.gridCodes.join('、')}
                  </li>
                ))}
              </ul>
            </>
          )}
          <ErrorBox error={accept.error} />
          <div className="action-form__buttons">
            {proposal.moves.length > 0 && (
              <button
                type="button"
                className="button"
                disabled={accept.isPending}
                onClick={() => accept.mutate(proposal)}
              >
                {accept.isPending ? '正在调整…' : '接受'}
              </button>
            )}
            <button
              type="button"
              className="button is-plain"
              onClick={() => props.onProposal(undefined)}
            >
              放弃
            </button>
          </div>
        </section>
      ) : null}
      {workload.isPending ? (
        <p className="muted">正在统计工作量…</p>
      ) : workload.isError ? (
        <LoadErrorBox message={workload.error.message} onRetry={() => workload.refetch()} />
      ) : items.length === 0 ? (
        <p className="empty-note">
          所选范围内没有{by === 'manager' ? '网格长' : '责任单位'}负责的网格。
        </p>
      ) : (
        <>
          <SpreadLine spread={workload.data.spread} weights={workload.data.weights} />
          <ul className="workload__bars">
            {items.map((item) => (
              <li key={item.id} className={item.active ? '' : 'is-inactive'}>
                <div className="workload__name">
                  <span className="dot" style={{ background: props.colorOf(item.id) }} />
                  {item.name}
                  {!item.active && <span className="unassigned-tag">已停用</span>}
                  <span className="muted">{item.grids} 个网格</span>
                </div>
                <div className="workload__bar" title={`工作量 ${item.workload.toFixed(1)}`}>
                  <span style={{ width: `${(item.workload / max) * 100}%` }} />
                  <b>{item.workload.toFixed(1)}</b>
                </div>
                <div className="workload__numbers">
                  未办结 {formatCount(item.openIssues)} · 逾期{' '}
                  <span className={item.overdueIssues ? 'is-warn' : ''}>{item.overdueIssues}</span>{' '}
                  · 点位 {item.points} · 面积 {item.areaKm2.toFixed(2)} km²
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}

function SpreadLine({
  spread,
  weights,
}: {
  spread: Spread
  weights: { openIssues: number; overdueIssues: number; points: number; areaKm2: number }
}) {
  const ratio =
    spread.ratio === null || !Number.isFinite(spread.ratio) ? '∞' : spread.ratio.toFixed(2)
  return (
    <p className="workload__spread">
      {spread.owners} 个对象；工作量最高 {spread.max.toFixed(1)}，最低 {spread.min.toFixed(1)}，
      最高/最低 <strong>{ratio}</strong>，标准差 {spread.stdev.toFixed(1)}。
      <span className="muted">
        工作量 = 未办结×{weights.openIssues} + 逾期×{weights.overdueIssues} + 点位×{weights.points}{' '}
        + 面积(km²)×{weights.areaKm2}
      </span>
    </p>
  )
}
