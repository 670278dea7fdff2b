// Sending a phone report: a new issue and its photos, or instead a note and the photos added to an
// open issue nearby. Offline, or when the network fails, either goes to the 待发送 queue. The outcome
// is what the screen shows next; a refusal becomes its error line.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { IssueCategory } from '../../../server/domain/issue.ts'
import { issueCategoryLabels } from '../../../server/domain/labels-zh.ts'
import type { IssueSource } from '../../../server/domain/supervision.ts'
import {
  addNote,
  createIssue,
  type IssueView,
  invalidateIssues,
  type NearbyIssue,
} from '../../features/issues/api.ts'
import { ApiError } from '../../lib/api-client.ts'
import { countCategoryUse } from './category-usage.ts'
import { isOffline, queueWrite } from './field-queue.ts'
import { isNetworkFailure } from './offline-queue.ts'
import type { Outcome } from './report-done.tsx'
import { sendPhotos } from './send-photos.ts'

export interface ReportDraft {
  lngLat: [number, number] | undefined
  category: IssueCategory | undefined
  description: string
  photos: File[]
  checkpointId: string | undefined // the nearest check point, while the reporter keeps it linked
  source: IssueSource | '' // '': from the round or the role
  roundId: string
}

/** `onCounted`: a report counted its category's use (the quick-pick ranks by it). */
export function useReportWrites(draft: ReportDraft, onCounted: () => void) {
  const { lngLat, category, description, photos, checkpointId, source, roundId } = draft
  const queryClient = useQueryClient()
  const [error, setError] = useState<string>()
  const [outcome, setOutcome] = useState<Outcome>()

  const report = useMutation({
    networkMode: 'always', // offline, the report goes to the queue instead of pausing
    mutationFn: async (): Promise<Outcome> => {
      if (!lngLat || !category) throw new Error('unreachable: checked before')
      const newIssue = {
        lngLat,
        category,
        description: description.trim(),
        ...(checkpointId !== undefined ? { checkpointId } : {}),
        ...(source ? { source } : {}),
        ...(roundId ? { roundId } : {}),
      }
      const queue = async () => ({
        kind: 'queued' as const,
        job: await queueWrite({ kind: 'report', issue: newIssue, photos }),
      })
      if (isOffline()) return queue()
      let issue: IssueView
      try {
        issue = await createIssue(newIssue)
      } catch (e) {
        if (isNetworkFailure(e)) return queue()
        throw e
      }
      try {
        const ids = await sendPhotos(issue.id, photos)
        return { kind: 'reported', issue, photos: ids.length } as const
      } catch (e) {
        const why = e instanceof Error ? e.message : ''
        return {
          kind: 'reported',
          issue,
          photos: 0,
          photoError: `问题已上报，但照片上传失败：${why}`,
        } as const
      }
    },
    onSuccess: async (result) => {
      if (category) countCategoryUse(category)
      onCounted()
      setOutcome(result)
      await invalidateIssues(queryClient)
    },
    onError: (e) => setError(e instanceof ApiError ? e.message : '上报失败，请重试。'),
  })

  const supplement = useMutation({
    networkMode: 'always',
    mutationFn: async (issue: NearbyIssue): Promise<Outcome> => {
      const note = description.trim() || `现场再次发现：${issueCategoryLabels[issue.category]}`
      const queue = async () => ({
        kind: 'queued' as const,
        job: await queueWrite({
          kind: 'note',
          issueId: issue.id,
          ...(issue.issueNo ? { issueNo: issue.issueNo } : {}),
          note,
          photos,
        }),
      })
      if (isOffline()) return queue()
      try {
        const ids = await sendPhotos(issue.id, photos)
        await addNote(issue.id, note, ids)
        return { kind: 'supplemented', issue, photos: ids.length } as const
      } catch (e) {
        if (isNetworkFailure(e)) return queue()
        throw e
      }
    },
    onSuccess: async (result) => {
      setOutcome(result)
      await invalidateIssues(queryClient)
    },
    onError: (e) => setError(e instanceof ApiError ? e.message : '补充失败，请重试。'),
  })

  const busy = report.isPending || supplement.isPending
  return { report, supplement, busy, error, setError, outcome, setOutcome }
}
