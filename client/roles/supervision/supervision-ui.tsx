// Small pieces the 督查 tabs share.

/** An instant as the county reads it, in Beijing time. */
export const beijingTime = (iso?: string) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : ''

export function Kpi({
  label,
  value,
  note,
}: {
  label: string
  value: string | number
  note?: string
}) {
  return (
    <div className="kpi">
      <span className="kpi__value">{value}</span>
      <span className="kpi__label">{label}</span>
      {note && <span className="kpi__note">{note}</span>}
    </div>
  )
}
