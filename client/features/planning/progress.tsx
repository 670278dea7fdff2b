// An indeterminate progress bar with the seconds elapsed, for server computations that do not
// report their own progress (rehearsal, forecast, optimise).
import type { UseQueryResult } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { RetryError } from '../../ui/retry-error.tsx'

export function ElapsedProgress({ label, onCancel }: { label: string; onCancel?: () => void }) {
  const [started] = useState(() => Date.now())
  const [now, setNow] = useState(started)
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 200)
    return () => clearInterval(timer)
  }, [])
  return (
    <div className="plan-progress" role="status" aria-live="polite" data-testid="plan-progress">
      <span>{label}</span>
      <progress aria-label={label} />
      <span className="muted">已用 {((now - started) / 1000).toFixed(1)} 秒</span>
      {onCancel && (
        <button type="button" className="text-button" onClick={onCancel}>
          取消
        </button>
      )}
    </div>
  )
}

/** A query's progress while it first loads, and its error with 重试 when it fails. */
export function QueryProgress({ query, label }: { query: UseQueryResult; label: string }) {
  return (
    <>
      {query.isPending && <ElapsedProgress label={label} />}
      {query.isError && (
        <RetryError message={query.error.message} onRetry={() => void query.refetch()} />
      )}
    </>
  )
}
