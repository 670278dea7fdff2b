// 补充到已有问题: instead of a new report, the description becomes a note on an open issue nearby and
// the photos go with it.
import { issueCategoryLabels, issueStatusLabels } from '../../../server/domain/labels-zh.ts'
import type { NearbyIssue } from '../../features/issues/api.ts'
import { formatDistance } from './field-helpers.ts'
import { Sheet, SheetForm } from './mobile-sheet.tsx'

export interface SupplementSheetProps {
  target: NearbyIssue
  photos: readonly File[]
  description: string
  onNote: (description: string) => void
  busy: boolean
  sending: boolean // this supplement, not the report, is being sent
  error: string | undefined
  onBack: () => void
  onSubmit: () => void
}

export function SupplementSheet(props: SupplementSheetProps) {
  const { target, photos, description, onNote, busy, error, onBack, onSubmit, sending } = props
  return (
    <Sheet label="补充到已有问题" title="补充到已有问题" testId="m-supplement">
      <p>
        {issueCategoryLabels[target.category]} · {issueStatusLabels[target.status]} ·{' '}
        {formatDistance(target.distanceMeters)}
      </p>
      <p className="m-card__text">{target.description}</p>
      <p className="m-muted">
        将把你的描述作为备注{photos.length ? `，并附上 ${photos.length} 张照片` : ''}
        ，补充到问题 {target.issueNo ?? target.id}。
      </p>
      <SheetForm
        note={description}
        onNote={onNote}
        rows={3}
        placeholder="补充说明（可选），如：问题仍未整改"
        busy={busy}
        error={error}
        onBack={onBack}
      >
        <button
          type="button"
          className="m-button m-button--primary"
          disabled={busy}
          onClick={onSubmit}
        >
          {sending ? '正在提交…' : '提交补充'}
        </button>
      </SheetForm>
    </Sheet>
  )
}
