// A day picker (`<input type="date">`) that hands back the day as text (YYYY-MM-DD, '' when
// cleared): the ledger's and the 督查 summary's custom periods, the 问责 filter, survey days.

export function DateInput({
  label,
  name,
  value,
  onChange,
}: {
  label?: string // its aria-label, where no visible label names it
  name?: string
  value: string
  onChange: (day: string) => void
}) {
  return (
    <input
      type="date"
      name={name}
      aria-label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  )
}
