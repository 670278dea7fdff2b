// An indeterminate progress bar with the seconds elapsed, for server computations that do not
// report their own progress (rehearsal, forecast, optimise).
import { useEffect, useState } from 'react'

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
