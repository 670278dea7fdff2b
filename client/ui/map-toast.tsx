// The toast over the map (已上报 and the like) and the hook that times it out.
import { useEffect, useState } from 'react'

const defaultNoticeMs = 8000 // how long a toast such as 已上报 stays

/** A notice says its piece and goes; a new user (`resetKey`) starts with a clean slate. */
export function useNotice(resetKey: unknown, noticeMs = defaultNoticeMs) {
  const [notice, setNotice] = useState<string>()
  useEffect(() => {
    if (!notice) return
    const timer = setTimeout(() => setNotice(undefined), noticeMs)
    return () => clearTimeout(timer)
  }, [notice, noticeMs])
  useEffect(() => {
    if (resetKey !== undefined) setNotice(undefined)
  }, [resetKey])
  return [notice, setNotice] as const
}

export function MapToast({
  notice,
  onClose,
  testId,
}: {
  notice: string
  onClose: () => void
  testId?: string
}) {
  return (
    <p className="map-toast" role="status" data-testid={testId}>
      {notice}
      <button type="button" className="icon-button" aria-label="关闭提示" onClick={onClose}>
        ×
      </button>
    </p>
  )
}
