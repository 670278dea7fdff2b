// The pieces the field screens share: the loading/error state of a list, the bottom sheet a write is
// made in (title, note, error line, 返回 and the action buttons), and an issue write's answers
// (invalidate the issue queries on success; a 409 says what changed meanwhile).
import { type UseQueryResult, useQueryClient } from '@tanstack/react-query'
import { type ReactNode, useState } from 'react'
import { invalidateIssues } from '../../features/issues/api.ts'
import { conflictMessage } from '../../features/issues/issue-actions.ts'
import { ApiError } from '../../lib/api-client.ts'

/** What a list screen shows while its query loads or after it failed; undefined once it has data. */
export function queryState(query: UseQueryResult<unknown>, loading: string): ReactNode {
  if (query.isPending) return <p className="m-empty">{loading}</p>
  if (query.isError) {
    return (
      <div className="m-empty">
        <p className="m-error">{query.error.message}</p>
        <button type="button" className="m-button m-button--plain" onClick={() => query.refetch()}>
          重试
        </button>
      </div>
    )
  }
  return undefined
}

/** The error line of a sheet, and the mutation callbacks of an issue write made in it. */
export function useIssueWrite(onDone: (message: string) => void) {
  const queryClient = useQueryClient()
  const [error, setError] = useState<string>()
  return {
    error,
    setError,
    onSuccess: async (message: string) => {
      await invalidateIssues(queryClient)
      onDone(message)
    },
    onError: async (e: Error) => {
      if (e instanceof ApiError && e.status === 409) {
        setError(conflictMessage(e.problem?.current))
        await invalidateIssues(queryClient)
      } else setError(e instanceof Error ? e.message : '提交失败，请重试。')
    },
  }
}

export function Sheet({
  label,
  title,
  testId,
  children,
}: {
  label: string
  title: ReactNode
  testId: string
  children: ReactNode
}) {
  return (
    <div
      className="m-sheet"
      role="dialog"
      aria-modal="true"
      aria-label={label}
      data-testid={testId}
    >
      <div className="m-sheet__card">
        <h2 className="m-section__title">{title}</h2>
        {children}
      </div>
    </div>
  )
}

/** The note field, the error line and the button row (返回 first) at the foot of a sheet. */
export function SheetForm({
  note,
  onNote,
  rows,
  placeholder,
  busy,
  error,
  backDisabled = busy,
  onBack,
  afterNote,
  children,
}: {
  note: string
  onNote: (note: string) => void
  rows: number
  placeholder: string
  busy: boolean
  error: string | undefined
  backDisabled?: boolean
  onBack: () => void
  /** Between the note and the error line (the photos of a rectification). */
  afterNote?: ReactNode
  children: ReactNode
}) {
  return (
    <>
      <textarea
        className="m-textarea"
        rows={rows}
        value={note}
        placeholder={placeholder}
        disabled={busy}
        onChange={(e) => onNote(e.target.value)}
      />
      {afterNote}
      <ErrorLine error={error} />
      <div className="m-row">
        <button
          type="button"
          className="m-button m-button--plain"
          disabled={backDisabled}
          onClick={onBack}
        >
          返回
        </button>
        {children}
      </div>
    </>
  )
}

/** A write's failure, read out when it appears. */
export function ErrorLine({ error }: { error: string | undefined }) {
  return error ? (
    <p className="m-error" role="alert">
      {error}
    </p>
  ) : null
}

/** A titled part of a field form, named for screen readers by its label. */
export function FieldSection(props: { label: string; title?: ReactNode; children: ReactNode }) {
  return (
    <section className="m-section" aria-label={props.label}>
      <h2 className="m-section__title">{props.title ?? props.label}</h2>
      {props.children}
    </section>
  )
}
