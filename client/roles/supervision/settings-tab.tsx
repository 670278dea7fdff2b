// 文书设置 (管理员): who issues the 督查 documents, the 报 / 发 lines, the 整改通知书 文号 prefix and
// the minimum number of issues a unit needs in a period to be ranked. New documents use them;
// issued ones keep what they were issued with.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import {
  type SupervisionSettings,
  saveSettings,
  settingsQuery,
  supervisionKeys,
} from '../../features/supervision/api.ts'
import { ApiError } from '../../lib/api-client.ts'
import { SubmitForm } from '../../ui/submit-form.tsx'

type TextKey = Exclude<keyof SupervisionSettings, 'minIssuesToRank'>

const textFields: { key: TextKey; label: string; hint: string; long?: boolean }[] = [
  { key: 'mastheadName', label: '通报版头（发文机关标志）', hint: '如：督促检查情况' },
  { key: 'issuerName', label: '通报印发机关', hint: '版记中的印发机关' },
  { key: 'reportTo', label: '报', hint: '通报版记“报”一行，顿号分隔', long: true },
  { key: 'sendTo', label: '发', hint: '通报版记“发”一行', long: true },
  { key: 'noticePrefix', label: '整改通知书文号前缀', hint: '如：巍创整改 → 巍创整改〔2026〕12号' },
  { key: 'noticeIssuer', label: '整改通知书落款单位', hint: '通知书末尾的发文单位' },
]

export function SettingsTab() {
  const settings = useQuery(settingsQuery())
  if (settings.isPending) return <p className="muted">正在读取文书设置…</p>
  if (settings.isError)
    return <p className="form-error">文书设置读取失败：{settings.error.message}</p>
  return <SettingsForm initial={settings.data} />
}

function SettingsForm({ initial }: { initial: SupervisionSettings }) {
  const queryClient = useQueryClient()
  const [draft, setDraft] = useState(initial)
  const save = useMutation({
    mutationFn: () => saveSettings(draft),
    onSuccess: (saved) => queryClient.setQueryData(supervisionKeys.settings(), saved),
  })
  const fieldError = (key: string) =>
    save.error instanceof ApiError
      ? save.error.fieldErrors.find((e) => e.field === key)?.message
      : undefined
  const changed = JSON.stringify(draft) !== JSON.stringify(initial)
  return (
    <section className="card settings" data-testid="settings-form">
      <h2>文书设置</h2>
      <p className="muted">新起草的通报和整改通知书使用这些设置；已印发的文书保持印发时的内容。</p>
      <SubmitForm onSubmit={() => save.mutate()}>
        {textFields.map(({ key, label, hint, long }) => (
          <div key={key} className="form-field">
            <label className="form-field__label" htmlFor={`setting-${key}`}>
              {label}
            </label>
            {long ? (
              <textarea
                id={`setting-${key}`}
                name={key}
                rows={2}
                value={draft[key]}
                onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
              />
            ) : (
              <input
                id={`setting-${key}`}
                name={key}
                value={draft[key]}
                onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
              />
            )}
            <span className="form-field__hint">{hint}</span>
            {fieldError(key) && <span className="form-error">{fieldError(key)}</span>}
          </div>
        ))}
        <label className="form-field">
          <span className="form-field__label">参与排名的最少问题数（每个时段）</span>
          <input
            name="minIssuesToRank"
            type="number"
            min={1}
            max={1000}
            value={draft.minIssuesToRank}
            onChange={(e) => setDraft({ ...draft, minIssuesToRank: Number(e.target.value) })}
          />
          <span className="form-field__hint">少于此数的单位样本不足，不参加红黑榜排名。</span>
          {fieldError('minIssuesToRank') && (
            <span className="form-error">{fieldError('minIssuesToRank')}</span>
          )}
        </label>
        <div className="action-form__buttons">
          <button type="submit" disabled={!changed || save.isPending}>
            {save.isPending ? '正在保存…' : '保存设置'}
          </button>
          <button type="button" disabled={!changed} onClick={() => setDraft(initial)}>
            撤销修改
          </button>
        </div>
        {save.isSuccess && !changed && <p className="ok">已保存。</p>}
        {save.isError && !(save.error instanceof ApiError && save.error.fieldErrors.length) && (
          <p className="form-error" role="alert">
            {save.error.message}
          </p>
        )}
      </SubmitForm>
    </section>
  )
}
