// A unit operator's 整改通知书: the notices addressed to the unit, each problem with its 问题编号, place,
// deadline and a link to it in the ledger, signed for (签收) one by one.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  documentNumber,
  documentsQuery,
  fileUrl,
  receiveNotice,
  supervisionKeys,
} from '../../features/supervision/api.ts'
import { ErrorText } from '../../ui/error-text.tsx'
import { beijingTime } from './supervision-ui.tsx'

export function UnitNotices({ username }: { username: string }) {
  const docs = useQuery(documentsQuery(username))
  const queryClient = useQueryClient()
  const receive = useMutation({
    mutationFn: receiveNotice,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: supervisionKeys.documents() }),
  })
  return (
    <section className="card" data-testid="unit-notices">
      <h2>本单位的整改通知书</h2>
      {docs.data?.length === 0 && <p className="muted">暂无发给本单位的整改通知书。</p>}
      <ul className="list">
        {docs.data?.map((d) => (
          <li key={d.id} className="notice">
            <strong>{documentNumber(d)}</strong> {d.content.issuerName} · {d.content.items.length}{' '}
            个问题 · {beijingTime(d.issuedAt)}
            <ol className="compact">
              {d.content.items.map(
                (i: {
                  issueId: string
                  issueNo?: string // absent in notices drafted before numbers existed
                  category: string
                  description: string
                  location?: string
                  deadline: string
                  link?: string
                }) => (
                  <li key={i.issueId}>
                    【{i.category}】{i.description}（{i.issueNo ?? i.issueId}）
                    {i.location ? ` — ${i.location}` : ''}，整改期限 {i.deadline}
                    {i.link && (
                      <>
                        {' '}
                        <a href={i.link}>查看问题</a>
                      </>
                    )}
                  </li>
                ),
              )}
            </ol>
            <div className="actions">
              <a href={fileUrl(d.id, 'docx')}>下载 DOCX</a>
              <a href={fileUrl(d.id, 'pdf')}>下载 PDF</a>
              {d.receivedAt ? (
                <span className="ok" data-testid="received">
                  已于 {beijingTime(d.receivedAt)} 签收
                </span>
              ) : (
                <button
                  type="button"
                  className="primary"
                  onClick={() => receive.mutate(d.id)}
                  data-testid="receive-notice"
                >
                  签收
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      <ErrorText error={receive.error} />
    </section>
  )
}
