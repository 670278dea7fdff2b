// The 上报 of the report form: create the issue, then upload its photos one by one. A photo that
// fails does not undo the issue; its message travels with the created issue instead.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { IssueCategory } from '../../../server/domain/issue.ts'
import type { IssueSource } from '../../../server/domain/supervision.ts'
import { ApiError } from '../../lib/api-client.ts'
import { createIssue, type IssueView, invalidateIssues, uploadAttachment } from './api.ts'
import { type FieldErrors, type ReportDraft, toFieldErrors } from './issue-actions.ts'

const fieldNames = ['lngLat', 'category', 'description', 'photos'] as const

export function useReportIssue(options: {
  source: IssueSource | '' // '': from the round or the role
  roundId: string
  photos: File[]
  onCreated: (issue: IssueView, photoError?: string) => void
  onUnauthorized: () => void
  onFieldErrors: (errors: FieldErrors) => void
}) {
  const queryClient = useQueryClient()
  const { source, roundId } = options
  return useMutation({
    mutationFn: async (
      draft: ReportDraft & { lngLat: [number, number]; category: IssueCategory },
    ) => {
      const issue = await createIssue({
        lngLat: draft.lngLat,
        category: draft.category,
        description: draft.description.trim(),
        ...(draft.checkpointId ? { checkpointId: draft.checkpointId } : {}),
        ...(source ? { source } : {}),
        ...(roundId ? { roundId } : {}),
      })
      // the issue exists now; a failed photo must not hide that
      let photoError: string | undefined
      try {
        for (const photo of options.photos) await uploadAttachment(issue.id, photo)
      } catch (error) {
        photoError = `问题已上报，但照片上传失败：${error instanceof Error ? error.message : '请在详情中重新添加。'}`
      }
      return { issue, photoError }
    },
    onSuccess: async ({ issue, photoError }) => {
      await invalidateIssues(queryClient)
      options.onCreated(issue, photoError)
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return
      if (error.status === 400) options.onFieldErrors(toFieldErrors(error.fieldErrors, fieldNames))
      if (error.status === 401) options.onUnauthorized()
    },
  })
}
