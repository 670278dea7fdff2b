// A failed load in one line: the message, then 重试 to ask again.
import type { ReactNode } from 'react'

export function RetryError(props: { message: ReactNode; onRetry: () => void; as?: 'p' | 'div' }) {
  const Tag = props.as ?? 'p'
  return (
    <Tag className="form-error" role="alert">
      {props.message}{' '}
      <button type="button" className="text-button" onClick={props.onRetry}>
        重试
      </button>
    </Tag>
  )
}
