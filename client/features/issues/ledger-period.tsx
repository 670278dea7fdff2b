// The ledger's 发现时段 and 督查轮次 filters: 本周 … 上月, 自定义 with two dates (prefilled with this
// week, so the choice narrows the list at once), and the rounds the caller may read.
import { periodKindLabels, resolvePeriod } from '../../../server/domain/period.ts'
import { type LedgerFilter, ledgerPeriodOf, ledgerPeriods } from './ledger-filter.ts'

export interface RoundOption {
  id: string
  name: string
}

export function LedgerPeriodFilter(props: {
  filter: LedgerFilter
  rounds?: readonly RoundOption[] // absent for those who may not read rounds
  set: (patch: Partial<LedgerFilter>) => void
}) {
  const { filter, rounds, set } = props
  const choose = (value: string) => {
    if (value === 'custom') {
      const week = resolvePeriod({ kind: 'this-week' }, new Date())
      set({ period: 'custom', from: filter.from ?? week.from, to: filter.to ?? week.to })
    } else
      set({
        period: (value || undefined) as LedgerFilter['period'],
        from: undefined,
        to: undefined,
      })
  }
  const custom = filter.period === 'custom'
  const incomplete = custom && !ledgerPeriodOf(filter, new Date())
  return (
    <>
      <label className="ledger__field">
        <span className="ledger__field-label">发现时段</span>
        <select name="period" value={filter.period ?? ''} onChange={(e) => choose(e.target.value)}>
          <option value="">全部</option>
          {ledgerPeriods.map((p) => (
            <option key={p} value={p}>
              {periodKindLabels[p]}
            </option>
          ))}
        </select>
      </label>
      {custom && (
        <span className="ledger__field is-wide ledger__dates" data-testid="ledger-dates">
          <input
            type="date"
            name="from"
            aria-label="开始日期"
            value={filter.from ?? ''}
            onChange={(e) => set({ from: e.target.value || undefined })}
          />
          至
          <input
            type="date"
            name="to"
            aria-label="结束日期（含）"
            value={filter.to ?? ''}
            onChange={(e) => set({ to: e.target.value || undefined })}
          />
          {incomplete && <span className="ledger__hint">请填写有效的起止日期</span>}
        </span>
      )}
      {rounds && rounds.length > 0 && (
        <label className="ledger__field is-wide">
          <span className="ledger__field-label">督查轮次</span>
          <select
            name="round"
            value={filter.round ?? ''}
            onChange={(e) => set({ round: e.target.value || undefined })}
          >
            <option value="">全部</option>
            {rounds.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </>
  )
}
