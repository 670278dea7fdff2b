// 指派: one unit and/or one manager for every selected grid, in one request; open issues follow
// the grid to its new unit unless unticked.
import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import { CheckboxLine } from '../../ui/checkbox-line.tsx'
import { FormField } from '../../ui/form-field.tsx'
import { SelectOptions } from '../../ui/labelled-select.tsx'
import { SubmitForm } from '../../ui/submit-form.tsx'
import { assignGrids, type GridManager, type GridRow, type Unit } from './api.ts'
import { ErrorBox } from './error-box.tsx'
import { type GridWrite, onConflictError } from './grid-write.ts'

export interface AssignPanelProps {
  rows: GridRow[] // the selected grids
  units: Unit[]
  managers: GridManager[]
  canEdit: boolean
  write: GridWrite
  onClear: () => void
}

const keep = '' // select value: leave as it is
const unassign = '__none__'

export function AssignPanel(props: AssignPanelProps) {
  const { rows, canEdit } = props
  const [unitCode, setUnitCode] = useState(keep)
  const [managerId, setManagerId] = useState(keep)
  const [moveOpenIssues, setMoveOpenIssues] = useState(true)
  const editable = rows.filter((r) => r.editable)
  const locked = rows.length - editable.length
  const mutation = useMutation({
    mutationFn: () =>
      assignGrids({
        assignments: editable.map((r) => ({
          gridCode: r.gridCode,
          ...(unitCode ? { unitCode } : {}),
          ...(managerId ? { managerId: managerId === unassign ? null : managerId } : {}),
        })),
        moveOpenIssues,
        gridsVersion: props.write.gridsVersion,
      }),
    onSuccess: (result) => {
      setUnitCode(keep)
      setManagerId(keep)
      props.write.onWritten(
        `已指派 ${result.changed} 个网格${result.issuesMoved ? `，${result.issuesMoved} 条未办结问题已转交新责任单位` : ''}。`,
      )
    },
    onError: onConflictError(props.write),
  })
  const open = rows.reduce((n, r) => n + r.openIssues, 0)
  const nothing = !unitCode && !managerId

  return (
    <section className="assign-panel" data-testid="assign-panel" aria-label="指派所选网格">
      <header className="assign-panel__head">
        <strong>已选 {rows.length} 个网格</strong>
        <span className="muted">未办结问题 {open} 条</span>
        <button type="button" className="link-button" onClick={props.onClear}>
          清空选择
        </button>
      </header>
      {!canEdit ? (
        <p className="muted">您当前的账号只能查看。网格长或管理员登录后可指派网格。</p>
      ) : editable.length === 0 ? (
        <p className="form-warning">
          所选网格都不在您的管辖范围内，不能指派。请选择本乡镇的网格，或联系管理员。
        </p>
      ) : (
        <SubmitForm
          className="assign-panel__form"
          onSubmit={() => {
            if (!nothing) mutation.mutate()
          }}
        >
          {locked > 0 && (
            <p className="form-warning">
              其中 {locked} 个网格不在您的管辖范围内，将不作修改；只指派其余 {editable.length} 个。
            </p>
          )}
          <FormField label="责任单位">
            <select name="unitCode" value={unitCode} onChange={(e) => setUnitCode(e.target.value)}>
              <option value={keep}>（保持不变）</option>
              <SelectOptions
                options={props.units
                  .filter((u) => u.active)
                  .map((u) => ({ value: u.code, label: u.name }))}
              />
            </select>
          </FormField>
          <FormField label="网格长">
            <select
              name="managerId"
              value={managerId}
              onChange={(e) => setManagerId(e.target.value)}
            >
              <option value={keep}>（保持不变）</option>
              <option value={unassign}>取消指派（暂无网格长）</option>
              <SelectOptions
                options={props.managers
                  .filter((m) => m.active)
                  .map((m) => ({ value: m.id, label: `${m.name}（${m.gridCount} 个网格）` }))}
              />
            </select>
          </FormField>
          <CheckboxLine name="moveOpenIssues" checked={moveOpenIssues} onChange={setMoveOpenIssues}>
            未办结问题随网格转交新责任单位
          </CheckboxLine>
          <ErrorBox error={mutation.error} />
          <div className="action-form__buttons">
            <button
              type="submit"
              className="button"
              disabled={mutation.isPending || nothing}
              data-testid="assign-submit"
              title={nothing ? '请先选择责任单位或网格长' : undefined}
            >
              {mutation.isPending ? '正在指派…' : `确认指派 ${editable.length} 个网格`}
            </button>
          </div>
        </SubmitForm>
      )}
    </section>
  )
}
