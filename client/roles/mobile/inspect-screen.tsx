// 点位测评 on a phone (also reachable on desktop at /m?tab=inspect): pick a point by its number (a unit
// operator also from the list of its own points, for the weekly 自查), walk
// its checklist with one tap per item (合格 / 不合格 / 不适用), add photos to failed items, submit;
// each failure becomes an issue and its photos go to that issue (the ledger's photo upload).
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { CheckResult } from '../../../server/domain/checklist.ts'
import {
  checklistItemKindLabels,
  checkpointCategoryLabels,
  checkResultLabels,
  checkStatusLabels,
} from '../../../server/domain/labels-zh.ts'
import {
  checklistKeys,
  checklistQuery,
  ownCheckpointsQuery,
  recordInspection,
} from '../../features/checklists/api.ts'
import { SubmitForm } from '../../ui/submit-form.tsx'
import { Flash } from './card-list.tsx'
import { ErrorLine } from './mobile-sheet.tsx'
import { sendPhotos } from './send-photos.ts'

const choices: CheckResult[] = ['pass', 'fail', 'na']

/** A unit operator's own points: tap one to open its checklist. */
function OwnPoints({ open, onPick }: { open: boolean; onPick: (id: string) => void }) {
  const own = useQuery(ownCheckpointsQuery(true))
  if (own.isError) return <p className="m-error">{own.error.message}</p>
  if (!own.data) return null
  return (
    <details className="m-own" open={open} data-testid="m-own-points">
      <summary>本单位点位（{own.data.length}）</summary>
      <ul className="m-own__list">
        {own.data.map((p) => (
          <li key={p.id}>
            <button
              type="button"
              className="m-button m-button--plain"
              data-point={p.id}
              onClick={() => onPick(p.id)}
            >
              {p.name}
              <span className="m-muted">
                {p.id} ·{' '}
                {checkpointCategoryLabels[p.category as keyof typeof checkpointCategoryLabels] ??
                  p.category}{' '}
                · {checkStatusLabels[p.status]}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </details>
  )
}

export function InspectScreen({ ownPoints = false }: { ownPoints?: boolean }) {
  const wanted = new URLSearchParams(location.search).get('checkpoint') ?? ''
  const [draft, setDraft] = useState(wanted)
  const [pointId, setPointId] = useState(wanted)
  const [results, setResults] = useState<Record<string, CheckResult>>({})
  const [photos, setPhotos] = useState<Record<string, File[]>>({})
  const [flash, setFlash] = useState<string>()
  const [error, setError] = useState<string>()
  const [sending, setSending] = useState(false)
  const checklist = useQuery(checklistQuery(pointId))
  const queryClient = useQueryClient()
  const items = checklist.data?.items ?? []
  const complete = items.length > 0 && items.every((i) => results[i.code])

  async function submit() {
    setSending(true)
    setError(undefined)
    try {
      const inspection = await recordInspection(
        pointId,
        items.map((i) => ({ itemCode: i.code, result: results[i.code] as CheckResult })),
      )
      for (const r of inspection.results) {
        const files = photos[r.itemCode]
        if (r.issueId && files?.length) await sendPhotos(r.issueId, files)
      }
      setFlash(`已提交：${inspection.failed} 项不合格，已生成 ${inspection.failed} 条问题`)
      setResults({})
      setPhotos({})
      await queryClient.invalidateQueries({ queryKey: checklistKeys.all })
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setSending(false)
    }
  }

  return (
    <div className="m-tasks" data-testid="m-inspect">
      <SubmitForm
        className="m-section m-fields"
        onSubmit={() => {
          setPointId(draft.trim())
          setResults({})
          setFlash(undefined)
        }}
      >
        <label className="m-field">
          点位编号
          <input
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder="如 cp-0002"
            data-testid="m-inspect-point"
          />
        </label>
        <button type="submit" className="m-button">
          打开清单
        </button>
      </SubmitForm>
      {ownPoints && (
        <OwnPoints
          open={!pointId}
          onPick={(id) => {
            setDraft(id)
            setPointId(id)
            setResults({})
            setFlash(undefined)
          }}
        />
      )}
      <Flash message={flash} />
      {checklist.isError && <p className="m-error">{checklist.error.message}</p>}
      {checklist.data && (
        <>
          <p className="m-tasks__summary">
            {checklist.data.checkpoint.name} · {checkStatusLabels[checklist.data.status]}
          </p>
          <ul className="m-cards">
            {items.map((item) => (
              <li key={item.code} className="m-card" data-item-code={item.code}>
                <p>
                  <span className="m-chip">{checklistItemKindLabels[item.kind]}</span> {item.text}
                  <span className="muted">（标准 {item.standardCode}）</span>
                </p>
                <fieldset className="m-actions" aria-label={item.text}>
                  {choices.map((choice) => (
                    <button
                      key={choice}
                      type="button"
                      className={`m-button ${results[item.code] === choice ? 'm-button--primary' : 'm-button--plain'}`}
                      aria-pressed={results[item.code] === choice}
                      data-result={choice}
                      onClick={() => setResults({ ...results, [item.code]: choice })}
                    >
                      {checkResultLabels[choice]}
                    </button>
                  ))}
                </fieldset>
                {results[item.code] === 'fail' && (
                  <label className="m-row m-photo-pick">
                    <span className="m-button m-button--plain">拍照（不合格项）</span>
                    <span className="m-muted">
                      {photos[item.code]?.length
                        ? `已选 ${photos[item.code]?.length} 张`
                        : '可选，随问题一并上报'}
                    </span>
                    <input
                      type="file"
                      accept="image/*"
                      capture="environment"
                      multiple
                      className="visually-hidden"
                      onChange={(e) =>
                        setPhotos({ ...photos, [item.code]: [...(e.target.files ?? [])] })
                      }
                    />
                  </label>
                )}
              </li>
            ))}
          </ul>
          <ErrorLine error={error} />
          <button
            type="button"
            className="m-button"
            disabled={!complete || sending}
            onClick={() => void submit()}
            data-testid="m-inspect-submit"
          >
            {sending ? '正在提交…' : complete ? '提交测评' : '请逐项填写结果'}
          </button>
        </>
      )}
    </div>
  )
}
