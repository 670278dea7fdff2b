// The ledger's select filter (LedgerSelect), and its 发现时段 and 督查轮次 filters: 本周 … 上月,
// 自定义 with two dates (prefilled with this week, so the choice narrows the list at once), and the
// rounds the caller may read.
import { periodKindLabels, resolvePeriod } from '../../../server/domain/period.ts'
import { DateInput } from '../../ui/date-input.tsx'
import { LabelledSelect, type LabelledSelectProps, optionsOf } from '../../ui/labelled-select.tsx'
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
      <LedgerSelect
        label="发现时段"
        name="period"
        value={filter.period ?? ''}
        options={optionsOf(ledgerPeriods, periodKindLabels)}
        onChange={choose}
      />
      {custom && (
        <span className="ledger__field is-wide ledger__dates" data-testid="ledger-dates">
          <DateInput
            name="from"
            label="开始日期"
            value={filter.from ?? ''}
            onChange={(day) => set({ from: day || undefined })}
          />
          至
          <DateInput
            name="to"
            label="结束日期（含）"
            value={filter.to ?? ''}
            onChange={(day) => set({ to: day || undefined })}
          />
          {incomplete && <span className="ledger__hint">请填写有效的起止日期</span>}
        </span>
      )}
      {rounds && rounds.length > 0 && (
        <LedgerSelect
          wide
          label="督查轮次"
          name="round"
          value={filter.round ?? ''}
          options={rounds.map((r) => ({ value: r.id, label: r.name }))}
          onChange={(round) => set({ round: round || undefined })}
        />
      )}
    </>
  )
}

type LedgerSelectProps = Omit<LabelledSelectProps, 'className' | 'labelClassName'> & {
  wide?: boolean
}

/** A filter of the ledger: "全部" first; wide ones take a whole row. */
export function LedgerSelect({ wide, ...props }: LedgerSelectProps) {
  return (
    <LabelledSelect
      {...props}
      className={`ledger__field${wide ? ' is-wide' : ''}`}
      labelClassName="ledger__field-label"
    />
  )
}
