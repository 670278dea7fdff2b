// A failed write in plain Chinese: the server's message as is, its field errors under it, and
// what to do next. Nothing changed on the server when this shows.
import { ApiError } from '../../lib/api-client.ts'

export function ErrorBox({ error, onClose }: { error: unknown; onClose?: () => void }) {
  if (!error) return null
  const message = error instanceof Error ? error.message : '操作失败，请重试。'
  const fields = error instanceof ApiError ? error.fieldErrors : []
  const conflict = error instanceof ApiError && error.status === 409
  return (
    <div className="error-box" role="alert" data-testid="grid-error">
      <p>
        {conflict
          ? '网格数据刚被他人修改，已重新加载最新数据。请确认后再操作。'
          : fields.length
            ? '操作未完成，数据未作任何修改：'
            : message}
      </p>
      {!conflict && fields.length > 0 && (
        <ul>
          {fields.map((f) => (
            <li key={`${f.field}:${f.message}`}>{f.message}</li>
          ))}
        </ul>
      )}
      {onClose && (
        <button type="button" className="text-button" onClick={onClose}>
          知道了
        </button>
      )}
    </div>
  )
}

/** A failed load of a list: the message and 重试. */
export function LoadErrorBox({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div className="error-box" role="alert">
      <p>{message}</p>
      <button type="button" className="text-button" onClick={onRetry}>
        重试
      </button>
    </div>
  )
}
