// 台账 completion per unit and per 标准, and the 签字移交 records: a unit signs its handover, the
// 创建办 receives it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import {
  addHandover,
  completionQuery,
  handoversQuery,
  materialKeys,
  receiveHandover,
  unitsQuery,
} from '../../features/materials/api.ts'
import { formatPercent } from '../../lib/format.ts'
import { DataTable } from '../../ui/data-table.tsx'
import { DateInput } from '../../ui/date-input.tsx'
import { ErrorText } from '../../ui/error-text.tsx'

export function HandoverForm({ username }: { username: string }) {
  const client = useQueryClient()
  const handovers = useQuery(handoversQuery(username))
  const [name, setName] = useState('')
  const [title, setTitle] = useState('')
  const [day, setDay] = useState(() => new Date().toISOString().slice(0, 10))
  const add = useMutation({
    mutationFn: () => addHandover({ signedByName: name, signedByTitle: title, signedOn: day }),
    onSuccess: () => client.invalidateQueries({ queryKey: materialKeys.all }),
  })
  return (
    <div className="form">
      <h3>签字移交</h3>
      <p className="muted">把本单位审核合格的台账材料移交创建办，由主要领导签字确认。</p>
      <div className="form inline">
        <input placeholder="签字领导姓名" value={name} onChange={(e) => setName(e.target.value)} />
        <input placeholder="职务" value={title} onChange={(e) => setTitle(e.target.value)} />
        <DateInput value={day} onChange={setDay} />
        <button type="button" onClick={() => add.mutate()}>
          登记移交
        </button>
      </div>
      <ErrorText error={add.error} />
      <ul className="compact">
        {handovers.data?.map((h) => (
          <li key={h.id}>
            {h.signedOn} {h.signedByTitle} {h.signedByName} 签字移交 {h.materialIds.length} 份
            {h.receivedAt ? '（创建办已接收）' : '（待接收）'}
          </li>
        ))}
      </ul>
    </div>
  )
}

// ---- completion ---------------------------------------------------------------------------------

export function CompletionTab({ username, canReceive }: { username: string; canReceive: boolean }) {
  const client = useQueryClient()
  const completion = useQuery(completionQuery())
  const units = useQuery(unitsQuery())
  const handovers = useQuery(handoversQuery(username))
  const unitName = (code: string) => units.data?.find((u) => u.code === code)?.name ?? code
  const receive = useMutation({
    mutationFn: receiveHandover,
    onSuccess: () => client.invalidateQueries({ queryKey: materialKeys.all }),
  })
  const c = completion.data
  return (
    <div className="materials__stack">
      <ErrorText error={completion.error} />
      {c && (
        <section className="card" data-testid="completion">
          <h2>
            全县：台账上报率{' '}
            <b data-testid="total-report-rate">{formatPercent(c.total.reportRate)}</b>
            ，图片资料完成率 {formatPercent(c.total.photoRate)}，合格率{' '}
            {formatPercent(c.total.approvalRate)}
            ，逾期 {c.total.overdue} 项
          </h2>
          <DataTable
            rows={c.units}
            rowKey={(u) => u.unitCode}
            row={(u) => ({ className: u.reportRate === 0 ? 'zero' : '' })}
            columns={[
              { head: '责任单位', cell: (u) => unitName(u.unitCode) },
              { head: '任务', cell: (u) => u.tasks },
              { head: '已上报', cell: (u) => u.reported },
              { head: '合格', cell: (u) => u.approved },
              { head: '退回', cell: (u) => u.returned },
              { head: '逾期', cell: (u) => u.overdue },
              { head: '台账上报率', cell: (u) => formatPercent(u.reportRate) },
              { head: '图片资料完成率', cell: (u) => formatPercent(u.photoRate) },
            ]}
          />
          <h3>按测评标准</h3>
          <DataTable
            rows={c.standards}
            rowKey={(s) => s.standardCode}
            columns={[
              { head: '编号', cell: (s) => s.standardCode },
              { head: '测评标准', cell: (s) => s.standardName },
              { head: '分值', cell: (s) => s.points },
              { head: '单位数', cell: (s) => s.tasks },
              { head: '合格', cell: (s) => s.approved },
              { head: '已得分（按合格比例）', cell: (s) => s.approvedPoints.toFixed(2) },
            ]}
          />
        </section>
      )}
      <section className="card">
        <h2>签字移交记录</h2>
        <ul className="compact" data-testid="handovers">
          {handovers.data?.map((h) => (
            <li key={h.id}>
              {unitName(h.unitCode)}：{h.signedOn} {h.signedByTitle} {h.signedByName} 签字移交{' '}
              {h.materialIds.length} 份（经办 {h.handedOverBy}）
              {h.receivedAt ? (
                <span className="ok"> 已接收（{h.receivedBy}）</span>
              ) : (
                canReceive && (
                  <button type="button" onClick={() => receive.mutate(h.id)}>
                    接收
                  </button>
                )
              )}
            </li>
          ))}
          {handovers.data?.length === 0 && <li className="muted">尚无移交记录</li>}
        </ul>
      </section>
    </div>
  )
}
