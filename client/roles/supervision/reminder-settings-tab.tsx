// 催办设置 (管理员): the reminder rules and the outgoing channels, each saved as a whole, and the
// delivery log. A rejected save names the row and the field in Chinese.
import {
  type UseMutationResult,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import { useState } from 'react'
import {
  channelsQuery,
  deliveriesQuery,
  type ReminderChannel,
  type ReminderRule,
  reminderKeys,
  rulesQuery,
  saveChannels,
  saveRules,
} from '../../features/reminders/api.ts'
import { ApiError } from '../../lib/api-client.ts'
import { DataTable } from '../../ui/data-table.tsx'
import { AriaSelect } from '../../ui/labelled-select.tsx'
import { labelOptions } from '../shared/options.ts'
import { beijingTime } from './supervision-ui.tsx'

const ruleFields: Record<string, string> = {
  id: '规则编号',
  name: '规则名称',
  hoursFromDeadline: '相对期限（小时）',
  to: '接收人',
  category: '问题类别',
  unitCode: '责任单位代码',
}
const channelFields: Record<string, string> = {
  id: '渠道编号',
  name: '渠道名称',
  kind: '渠道类型',
  url: '网址',
  secret: '加签密钥',
  format: '消息格式',
  phones: '手机号',
  unitCodes: '限定单位',
}
const recipients = {
  unit: '责任单位经办人',
  township: '乡镇网格长',
  office: '创建办',
  commander: '指挥长',
}
const kinds = {
  wecom: '企业微信群机器人',
  dingtalk: '钉钉群机器人',
  json: '通用 JSON',
  sms: '短信',
}
const statuses = { pending: '待发送', sent: '已发送', failed: '发送失败' }

/** 「第 2 条 · 相对期限（小时）：须为整数小时」 from `rules.1.hoursFromDeadline`. */
export function describeFieldError(
  field: string,
  message: string,
  labels: Record<string, string>,
): string {
  const [, index, key, sub] = field.split('.')
  if (index === undefined) return message
  const name = key ? (labels[key] ?? key) : ''
  return `第 ${Number(index) + 1} 条${name ? ` · ${name}` : ''}${sub ? ` 第 ${Number(sub) + 1} 项` : ''}：${message}`
}

/** The foot of a list form: add a row, save the list, and what the save answered. */
function ListActions(props: {
  add: string
  onAdd: () => void
  save: UseMutationResult<unknown, Error, void>
  saveLabel: string
  labels: Record<string, string> // the fields' names in the errors
}) {
  const { save } = props
  return (
    <>
      <div className="action-form__buttons">
        <button type="button" onClick={props.onAdd}>
          {props.add}
        </button>
        <button type="button" disabled={save.isPending} onClick={() => save.mutate()}>
          {save.isPending ? '正在保存…' : props.saveLabel}
        </button>
      </div>
      {save.isSuccess && <p className="ok">已保存。</p>}
      <Errors error={save.error} labels={props.labels} />
    </>
  )
}

function Errors({ error, labels }: { error: unknown; labels: Record<string, string> }) {
  if (!error) return null
  const lines =
    error instanceof ApiError && error.fieldErrors.length
      ? error.fieldErrors.map((e) => describeFieldError(e.field, e.message, labels))
      : [error instanceof Error ? error.message : String(error)]
  return (
    <>
      {lines.map((l) => (
        <p key={l} className="form-error" role="alert">
          {l}
        </p>
      ))}
    </>
  )
}

export function ReminderSettingsTab() {
  return (
    <div data-testid="reminder-settings">
      <RulesCard />
      <ChannelsCard />
      <DeliveriesCard />
    </div>
  )
}

function RulesCard() {
  const query = useQuery(rulesQuery())
  if (!query.data) return <p className="muted">正在读取催办规则…</p>
  return <RulesForm initial={query.data.rules} source={query.data.source} />
}

/** A list edited in place and saved as a whole: its rows, a row's patch (tidied), the save. */
function useEditedList<Item>(
  initial: Item[],
  saveList: (items: Item[]) => Promise<unknown>,
  queryKey: readonly unknown[],
  tidy: (item: Item) => Item = (item) => item,
) {
  const queryClient = useQueryClient()
  const [items, setItems] = useState(initial)
  const save = useMutation({
    mutationFn: () => saveList(items),
    onSuccess: () => queryClient.invalidateQueries({ queryKey }),
  })
  const set = (i: number, patch: Partial<Item>) =>
    setItems(items.map((x, j) => (j === i ? tidy({ ...x, ...patch }) : x)))
  return { items, setItems, save, set }
}

function RulesForm(props: { initial: ReminderRule[]; source: string }) {
  const {
    items: rules,
    setItems: setRules,
    save,
    set,
  } = useEditedList(props.initial, saveRules, reminderKeys.rules())
  // a text cell, labelled as its field is in the errors; an optional field left empty is absent
  const text = (i: number, field: 'id' | 'name' | 'category' | 'unitCode') => (
    <td>
      <input
        aria-label={ruleFields[field]}
        value={rules[i]?.[field] ?? ''}
        onChange={(e) => {
          const value =
            field === 'id' || field === 'name' ? e.target.value : e.target.value || undefined
          setRules(rules.map((r, j) => (j === i ? { ...r, [field]: value } : r)))
        }}
      />
    </td>
  )
  return (
    <section className="card" data-testid="reminder-rules">
      <h2>催办规则</h2>
      <p className="muted">
        {props.source === 'default' ? '现用默认规则；保存后以此为准。' : '现用已保存的规则。'}
        相对期限：负数为到期前提醒，0 为到期催办，正数为逾期升级。
      </p>
      <table className="table">
        <thead>
          <tr>
            {Object.values(ruleFields).map((l) => (
              <th key={l}>{l}</th>
            ))}
            <th />
          </tr>
        </thead>
        <tbody>
          {rules.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; the id is what is typed
            <tr key={i}>
              {text(i, 'id')}
              {text(i, 'name')}
              <td>
                <input
                  aria-label="相对期限（小时）"
                  type="number"
                  value={Number.isNaN(r.hoursFromDeadline) ? '' : r.hoursFromDeadline}
                  onChange={(e) => set(i, { hoursFromDeadline: e.target.valueAsNumber })}
                />
              </td>
              <td>
                <AriaSelect
                  label="接收人"
                  value={r.to}
                  options={labelOptions(recipients)}
                  onChange={(to) => set(i, { to: to as ReminderRule['to'] })}
                />
              </td>
              {text(i, 'category')}
              {text(i, 'unitCode')}
              <td>
                <button type="button" onClick={() => setRules(rules.filter((_, j) => j !== i))}>
                  删除
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ListActions
        add="添加规则"
        onAdd={() => setRules([...rules, { id: '', name: '', hoursFromDeadline: 0, to: 'unit' }])}
        save={save}
        saveLabel="保存规则"
        labels={ruleFields}
      />
    </section>
  )
}

function ChannelsCard() {
  const query = useQuery(channelsQuery())
  if (!query.data) return <p className="muted">正在读取发送渠道…</p>
  return <ChannelsForm initial={query.data.channels} />
}

const list = (text: string) => text.split(/[\s,，、]+/).filter(Boolean)

function ChannelsForm(props: { initial: ReminderChannel[] }) {
  const {
    items: channels,
    setItems: setChannels,
    save,
    set,
  } = useEditedList(props.initial, saveChannels, reminderKeys.channels(), clean)
  return (
    <section className="card" data-testid="reminder-channels">
      <h2>发送渠道</h2>
      <p className="muted">
        催办、升级与每日汇总同时发到这些群机器人或手机；限定单位留空则发送全部单位的消息。
      </p>
      {channels.map((c, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; the id is what is typed
        <fieldset key={i} className="channel">
          <input
            aria-label="渠道编号"
            placeholder="渠道编号"
            value={c.id}
            onChange={(e) => set(i, { id: e.target.value })}
          />
          <input
            aria-label="渠道名称"
            placeholder="渠道名称"
            value={c.name}
            onChange={(e) => set(i, { name: e.target.value })}
          />
          <AriaSelect
            label="渠道类型"
            value={c.kind}
            options={labelOptions(kinds)}
            onChange={(kind) => set(i, { kind: kind as ReminderChannel['kind'] })}
          />
          {c.kind === 'sms' ? (
            <input
              aria-label="手机号"
              placeholder="手机号，逗号分隔"
              value={(c.phones ?? []).join('，')}
              onChange={(e) => set(i, { phones: list(e.target.value) })}
            />
          ) : (
            <>
              <input
                aria-label="网址"
                placeholder="https://…"
                value={c.url ?? ''}
                onChange={(e) => set(i, { url: e.target.value })}
              />
              {c.kind === 'dingtalk' && (
                <input
                  aria-label="加签密钥"
                  placeholder="SEC…（可不填）"
                  value={c.secret ?? ''}
                  onChange={(e) => set(i, { secret: e.target.value || undefined })}
                />
              )}
              {c.kind !== 'json' && (
                <select
                  aria-label="消息格式"
                  value={c.format ?? 'text'}
                  onChange={(e) =>
                    set(i, { format: e.target.value === 'markdown' ? 'markdown' : undefined })
                  }
                >
                  <option value="text">文本消息</option>
                  <option value="markdown">Markdown 消息</option>
                </select>
              )}
            </>
          )}
          <input
            aria-label="限定单位"
            placeholder="限定单位代码，逗号分隔（可不填）"
            value={(c.unitCodes ?? []).join('，')}
            onChange={(e) => set(i, { unitCodes: list(e.target.value) })}
          />
          <button type="button" onClick={() => setChannels(channels.filter((_, j) => j !== i))}>
            删除
          </button>
        </fieldset>
      ))}
      <ListActions
        add="添加渠道"
        onAdd={() => setChannels([...channels, { id: '', name: '', kind: 'wecom', url: '' }])}
        save={save}
        saveLabel="保存渠道"
        labels={channelFields}
      />
    </section>
  )
}

/** Only the fields of the channel's kind (a robot's format: 企业微信 and 钉钉 only), and no empty list. */
export function clean(c: ReminderChannel): ReminderChannel {
  const { url, secret, format, phones, unitCodes, ...rest } = c
  return {
    ...rest,
    ...(c.kind === 'sms' ? { phones: phones ?? [] } : { url: url ?? '' }),
    ...(c.kind === 'dingtalk' && secret ? { secret } : {}),
    ...((c.kind === 'wecom' || c.kind === 'dingtalk') && format ? { format } : {}),
    ...(unitCodes?.length ? { unitCodes } : {}),
  }
}

function DeliveriesCard() {
  const [status, setStatus] = useState('')
  const query = useQuery(deliveriesQuery(status))
  return (
    <section className="card" data-testid="deliveries">
      <h2>发送记录</h2>
      <AriaSelect
        label="发送状态"
        value={status}
        empty="全部"
        options={labelOptions(statuses)}
        onChange={setStatus}
      />
      {query.isError && <p className="form-error">发送记录读取失败：{query.error.message}</p>}
      <DataTable
        rows={query.data?.items}
        rowKey={(d) => d.id}
        row={(d) => ({ 'data-status': d.status })}
        empty="暂无记录"
        columns={[
          { head: '时间', cell: (d) => beijingTime(d.createdAt) },
          { head: '渠道', cell: (d) => d.channelId },
          { head: '消息', cell: (d) => d.message.title },
          { head: '状态', cell: (d) => statuses[d.status] },
          { head: '次数', cell: (d) => d.attempts },
          { head: '最后错误', cell: (d) => d.lastError ?? '' },
        ]}
      />
    </section>
  )
}
