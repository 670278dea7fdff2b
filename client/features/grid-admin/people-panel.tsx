// 人员与单位: grid managers (add, rename, deactivate / reactivate) and responsible units (add,
// rename, deactivate). A deactivated manager's grids read as unassigned until someone takes them.
import { useMutation, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { SubmitForm } from '../../ui/submit-form.tsx'
import {
  createManager,
  createUnit,
  type GridManager,
  managersQuery,
  type Unit,
  unitsQuery,
  updateManager,
  updateUnit,
} from './api.ts'
import { ErrorBox } from './error-box.tsx'

export interface PeoplePanelProps {
  canEdit: boolean
  canAddUnits: boolean // a new unit is county-wide: not for a 网格长 (mayCreateUnit)
  onChanged: (message: string) => void
}

export function PeoplePanel({ canEdit, canAddUnits, onChanged }: PeoplePanelProps) {
  const managers = useQuery(managersQuery())
  const units = useQuery(unitsQuery())
  return (
    <div className="people" data-testid="people-panel">
      <section>
        <h3>网格长</h3>
        {canEdit && (
          <AddForm
            placeholder="新网格长姓名"
            extra={{ name: 'phone', placeholder: '电话（可选）' }}
            submit={(name, phone) => createManager({ name, ...(phone ? { phone } : {}) })}
            onDone={(name) => onChanged(`已添加网格长 ${name}。`)}
          />
        )}
        {managers.isPending ? (
          <p className="muted">正在加载网格长…</p>
        ) : managers.isError ? (
          <p className="error-box">{managers.error.message}</p>
        ) : managers.data.length === 0 ? (
          <p className="empty-note">还没有网格长。请在上方添加。</p>
        ) : (
          <ul className="people__list">
            {managers.data.map((m) => (
              <ManagerRow key={m.id} manager={m} canEdit={canEdit} onChanged={onChanged} />
            ))}
          </ul>
        )}
      </section>
      <section>
        <h3>责任单位</h3>
        {canAddUnits && (
          <AddForm
            placeholder="新单位名称，如 县水务局"
            kind
            submit={(name, kind) => createUnit({ name, kind: kind || 'department' })}
            onDone={(name) => onChanged(`已添加责任单位 ${name}。`)}
          />
        )}
        {units.isPending ? (
          <p className="muted">正在加载责任单位…</p>
        ) : units.isError ? (
          <p className="error-box">{units.error.message}</p>
        ) : (
          <ul className="people__list">
            {units.data.map((u) => (
              <UnitRow key={u.code} unit={u} canEdit={canEdit} onChanged={onChanged} />
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}

function AddForm(props: {
  placeholder: string
  extra?: { name: string; placeholder: string }
  kind?: boolean
  submit: (name: string, extra: string) => Promise<unknown>
  onDone: (name: string) => void
}) {
  const [name, setName] = useState('')
  const [extra, setExtra] = useState(props.kind ? 'department' : '')
  const mutation = useMutation({
    mutationFn: () => props.submit(name.trim(), extra.trim()),
    onSuccess: () => {
      props.onDone(name.trim())
      setName('')
      setExtra(props.kind ? 'department' : '')
    },
  })
  return (
    <SubmitForm
      className="people__add"
      onSubmit={() => {
        if (name.trim()) mutation.mutate()
      }}
    >
      <input
        value={name}
        placeholder={props.placeholder}
        aria-label={props.placeholder}
        onChange={(e) => setName(e.target.value)}
      />
      {props.extra && (
        <input
          value={extra}
          placeholder={props.extra.placeholder}
          aria-label={props.extra.placeholder}
          onChange={(e) => setExtra(e.target.value)}
        />
      )}
      {props.kind && (
        <select value={extra} aria-label="单位类型" onChange={(e) => setExtra(e.target.value)}>
          <option value="department">县直部门</option>
          <option value="township">乡镇人民政府</option>
        </select>
      )}
      <button type="submit" className="button" disabled={!name.trim() || mutation.isPending}>
        添加
      </button>
      <ErrorBox error={mutation.error} />
    </SubmitForm>
  )
}

function ManagerRow(props: {
  manager: GridManager
  canEdit: boolean
  onChanged: (message: string) => void
}) {
  const { manager: m } = props
  return (
    <EditableRow
      item={m}
      nameLabel="新姓名"
      details={`${m.id} · ${m.gridCount} 个网格${m.phone ? ` · ${m.phone}` : ''}`}
      deactivated={`已停用 ${m.name}，其 ${m.gridCount} 个网格显示为未指派。`}
      update={(patch) => updateManager(m.id, patch)}
      canEdit={props.canEdit}
      onChanged={props.onChanged}
    />
  )
}

function UnitRow(props: { unit: Unit; canEdit: boolean; onChanged: (message: string) => void }) {
  const { unit: u } = props
  return (
    <EditableRow
      item={u}
      nameLabel="新名称"
      details={u.kind === 'township' ? '乡镇' : '县直部门'}
      deactivated={`已停用 ${u.name}，其网格显示为未指派。`}
      update={(patch) => updateUnit(u.code, patch)}
      canEdit={props.canEdit}
      onChanged={props.onChanged}
    />
  )
}

/** A manager or unit: its name (改名 in place) and 停用/恢复. */
function EditableRow(props: {
  item: { name: string; active: boolean }
  nameLabel: string
  details: string
  /** What the notice says once it is deactivated. */
  deactivated: string
  update: (patch: { name?: string; active?: boolean }) => Promise<unknown>
  canEdit: boolean
  onChanged: (message: string) => void
}) {
  const [editing, setEditing] = useState(false)
  const [name, setName] = useState(props.item.name)
  const mutation = useMutation({
    mutationFn: props.update,
    onSuccess: (_, patch) => {
      setEditing(false)
      props.onChanged(
        patch.active === false
          ? props.deactivated
          : patch.active
            ? `已恢复 ${props.item.name}。`
            : `已改名为 ${patch.name}。`,
      )
    },
  })
  return (
    <li className={props.item.active ? '' : 'is-inactive'}>
      {editing ? (
        <SubmitForm
          className="people__rename"
          onSubmit={() => {
            if (name.trim() && name.trim() !== props.item.name)
              mutation.mutate({ name: name.trim() })
          }}
        >
          <input
            value={name}
            aria-label={props.nameLabel}
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit" className="text-button" disabled={mutation.isPending}>
            保存
          </button>
          <button type="button" className="text-button" onClick={() => setEditing(false)}>
            取消
          </button>
        </SubmitForm>
      ) : (
        <span className="people__name">
          {props.item.name}
          <span className="muted"> {props.details}</span>
          {!props.item.active && <span className="unassigned-tag">已停用</span>}
        </span>
      )}
      {props.canEdit && !editing && (
        <span className="people__actions">
          <button type="button" className="text-button" onClick={() => setEditing(true)}>
            改名
          </button>
          <button
            type="button"
            className="text-button"
            disabled={mutation.isPending}
            onClick={() => mutation.mutate({ active: !props.item.active })}
          >
            {props.item.active ? '停用' : '恢复'}
          </button>
        </span>
      )}
      <ErrorBox error={mutation.error} />
    </li>
  )
}
