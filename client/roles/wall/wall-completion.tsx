// The wall's 台账 panel: 台账材料 completion per unit (材料审核) once a 测评体系 gives the units 标准 to
// document; before that, the issues each unit closed on time. Long lists turn pages by themselves.
import { memo, type ReactNode, useEffect, useMemo, useState } from 'react'
import type { CompletionRow } from '../../features/stats/api.ts'
import type { MaterialRow, WallView } from '../../features/stats/wall-api.ts'
import { formatCount, formatRate } from './wall-format.ts'
import { type NameOf, Panel } from './wall-panel.tsx'

const completionPageSize = 4 // rows at 24 px in the panel's height
const completionPageSeconds = 12

/** Pages of about completionPageSize rows, turning every completionPageSeconds. */
function usePages(rows: number) {
  const pages = Math.max(1, Math.ceil(rows / completionPageSize))
  const perPage = Math.ceil(rows / pages) // 19 rows: 5 + 5 + 5 + 4, not 6 + 6 + 6 + 1
  const [page, setPage] = useState(0)
  useEffect(() => {
    if (pages <= 1) return
    const timer = setInterval(() => setPage((p) => (p + 1) % pages), completionPageSeconds * 1000)
    return () => clearInterval(timer)
  }, [pages])
  return { pages, perPage, shown: page % pages }
}

/**
 * The 台账 panel: the 台账材料 completion per unit (材料审核: reported ÷ tasks) once a 测评体系 gives
 * the units 标准 to document; before that, the issues closed on time.
 */
export const CompletionPanel = memo(function CompletionPanel(props: {
  view: WallView | undefined
  unitName: NameOf
}) {
  const materials = props.view?.materials
  if (materials && materials.length > 0) {
    return <MaterialsPanel rows={materials} unitName={props.unitName} />
  }
  return <IssueCompletionPanel {...props} />
})

function MaterialsPanel({ rows, unitName }: { rows: MaterialRow[]; unitName: NameOf }) {
  return (
    <PagedPanel
      title="台账材料上报（责任单位）"
      rows={rows}
      ready
      mode="materials"
      note="台账上报率 = 已上报 ÷ 应上报（绿：审核合格，黄：待审核）"
    >
      {(row) => (
        <CompletionItem
          key={row.unitCode}
          code={row.unitCode}
          name={unitName(row.unitCode) ?? row.unitName ?? row.unitCode}
          done={row.tasks ? row.approved / row.tasks : 0}
          pending={row.tasks ? (row.reported - row.approved) / row.tasks : 0}
          rate={row.reportRate}
          rateTestId="material-report-rate"
        >
          <b data-testid="material-reported" data-value={row.reported}>
            {formatCount(row.reported)}
          </b>
          /<span data-testid="material-tasks">{formatCount(row.tasks)}</span>
        </CompletionItem>
      )}
    </PagedPanel>
  )
}

function IssueCompletionPanel(props: { view: WallView | undefined; unitName: NameOf }) {
  const completion = props.view?.completion
  const rows = useMemo(() => (completion ?? []).filter((r) => r.due > 0), [completion])
  return (
    <PagedPanel
      title="台账按期办结（责任单位）"
      rows={rows}
      ready={Boolean(completion)}
      note="按期办结 ÷ 应办结（已销号 + 逾期未销号）"
      empty={completion && rows.length === 0 ? '暂无到期问题' : undefined}
    >
      {(row: CompletionRow) => (
        <CompletionItem
          key={row.unitCode}
          code={row.unitCode}
          name={props.unitName(row.unitCode) ?? row.unitName ?? row.unitCode}
          done={row.due ? row.closedOnTime / row.due : 0}
          pending={row.due ? row.closedLate / row.due : 0}
          rate={row.rate}
          rateTestId="completion-rate"
        >
          <b data-testid="completion-on-time" data-value={row.closedOnTime}>
            {formatCount(row.closedOnTime)}
          </b>
          /
          <span data-testid="completion-due" data-value={row.due}>
            {formatCount(row.due)}
          </span>
        </CompletionItem>
      )}
    </PagedPanel>
  )
}

/** The 台账 panel's frame: the page of rows shown now, the page count, the note under the list. */
function PagedPanel<Row>(props: {
  title: string
  rows: Row[]
  ready: boolean // false while the view has not come
  mode?: string // the list's data-mode
  note: string
  empty?: string // the list's one item when there is nothing to show
  children: (row: Row) => ReactNode
}) {
  const { pages, perPage, shown } = usePages(props.rows.length)
  return (
    <Panel
      title={props.title}
      aside={pages > 1 ? `第 ${shown + 1}/${pages} 页` : undefined}
      className="wall-completion"
      testId="panel-completion"
    >
      <ol
        className="wall-completion__list"
        data-ready={props.ready ? 'true' : 'false'}
        data-mode={props.mode}
      >
        {props.rows.slice(shown * perPage, (shown + 1) * perPage).map(props.children)}
        {props.empty !== undefined && <li className="wall-empty">{props.empty}</li>}
      </ol>
      <p className="wall-note">{props.note}</p>
    </Panel>
  )
}

/** A unit's row: its name, the bar of done and pending shares, the figures and the rate. */
function CompletionItem(props: {
  code: string
  name: string
  done: number // share of the bar, 0…1 (green)
  pending: number // share after it (yellow)
  rate: number | null
  rateTestId: string
  children: ReactNode // the figures
}) {
  const { rate } = props
  const tone = rate === null ? '' : rate >= 0.8 ? 'good' : rate >= 0.5 ? 'mid' : 'bad'
  return (
    <li className="wall-completion__row" data-code={props.code}>
      <span className="wall-completion__name">{props.name}</span>
      <span className="wall-completion__bar" aria-hidden="true">
        <span className="wall-completion__on-time" style={{ width: `${props.done * 100}%` }} />
        <span className="wall-completion__late" style={{ width: `${props.pending * 100}%` }} />
      </span>
      <span className="wall-completion__figures">{props.children}</span>
      <span
        className={`wall-completion__rate wall-rate--${tone}`}
        data-testid={props.rateTestId}
        data-value={rate ?? ''}
      >
        {formatRate(rate, 0)}
      </span>
    </li>
  )
}
