// 上报问题 mode: off (undefined), waiting for a click on the map ({}), or placed ({ lngLat }).
import { useEffect, useState } from 'react'

export interface ReportDraft {
  lngLat?: [number, number]
}

/** Esc leaves the mode; so does losing the issue_report permission (e.g. on logout). */
export function useReportMode(mayReport: boolean) {
  const [report, setReport] = useState<ReportDraft>()
  const reporting = report !== undefined
  useEffect(() => {
    if (!reporting) return
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setReport(undefined)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [reporting])
  useEffect(() => {
    if (!mayReport) setReport(undefined)
  }, [mayReport])
  return [report, setReport] as const
}
