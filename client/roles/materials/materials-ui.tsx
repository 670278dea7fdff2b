// Small pieces every 材料审核 tab shares.

export const percent = (r: number | null | undefined, digits = 1): string =>
  r === null || r === undefined ? '—' : `${(r * 100).toFixed(digits)}%`

export function ErrorText({ error }: { error: unknown }) {
  if (!error) return null
  return (
    <p className="form-error" role="alert">
      {error instanceof Error ? error.message : String(error)}
    </p>
  )
}
