// The toast over the map (已上报 and the like) and the hook that times it out.
import { useEffect, useState } from 'react'

const noticeMs = 8000 // how long a toast such as 已上报 stays

/** A notice says its piece and goes; a new user (`resetKey`) starts with a clean slate. */
export function useNotice(resetKey: unknown) {
  const [notice, setNotice] = useState<string>()
  useEffect(() => {
    if (!notice) return
    const timer = setTimeout(() => setNotice(undefined), noticeMs)
    return () => clearTimeout(timer)
  }, [notice])
  useEffect(() => {
    if (resetKey !== undefined) setNotice(undefined)
  }, [resetKey])
  return [notice, setNotice] as const
}

export function MapToast({ notice, onClose }: { notice: string; onClose: () => void }) {
  return (
    <p className="map-toast" role="status">
      {notice}
      <button type="button" className="icon-button" aria-label="关闭提示" onClick={onClose}>
        ×
      </button>
    </p>
  )
}
