// The optimiser's constraints: plan size, minimum per township, required categories with counts,
// minimum spacing and which kinds of point may be chosen.
import type { CheckpointCategory } from '../../../server/domain/checkpoint.ts'
import { checkpointCategories } from '../../../server/domain/checkpoint.ts'
import { checkpointCategoryLabels, checkpointKindLabels } from '../../../server/domain/labels-zh.ts'
import { CheckboxLine } from '../../ui/checkbox-line.tsx'
import { FormField, NumberField } from '../../ui/form-field.tsx'
import { optionsOf, SelectOptions } from '../../ui/labelled-select.tsx'
import type { Constraints } from './api.ts'

export interface ConstraintsFormProps {
  constraints: Constraints
  onChange: (constraints: Constraints) => void
  errors?: Record<string, string> // by field, from a 400 answer
}

// The number fields, in order: the constraint, its caption, the input's bounds
const numberFields = [
  { key: 'size', label: '方案规模（个点位）', min: 1, max: 100, testId: 'constraint-size' },
  {
    key: 'minPerTownship',
    label: '每乡镇至少',
    min: 0,
    max: 10,
    testId: 'constraint-per-township',
  },
  {
    key: 'minSpacingM',
    label: '最小间距（米）',
    min: 0,
    max: 10000,
    step: 50,
    testId: 'constraint-spacing',
  },
] as const

export function ConstraintsForm({ constraints, onChange, errors = {} }: ConstraintsFormProps) {
  const required = Object.entries(constraints.requiredCategories) as [CheckpointCategory, number][]
  const unused = checkpointCategories.filter((c) => !(c in constraints.requiredCategories))
  const kinds = constraints.kinds ?? ['fixed', 'random']
  const setRequired = (next: Partial<Record<CheckpointCategory, number>>) =>
    onChange({ ...constraints, requiredCategories: next })
  const fieldError = (field: string) =>
    Object.entries(errors).find(([k]) => k === field || k.startsWith(`${field}.`))?.[1]
  return (
    <fieldset className="plan-fieldset" data-testid="constraints-form">
      <legend>约束条件</legend>
      <div className="plan-grid">
        {numberFields.map(({ key, ...field }) => (
          <NumberField
            key={key}
            {...field}
            value={constraints[key]}
            // only the plan size has a server check of its own to show
            error={key === 'size' ? fieldError('constraints.size') : undefined}
            onChange={(text) => {
              // an empty or non-numeric value while typing is ignored
              const n = Number(text)
              if (text !== '' && Number.isFinite(n)) onChange({ ...constraints, [key]: n })
            }}
          />
        ))}
        <FormField as="div" label="可选点位">
          {(['fixed', 'random'] as const).map((kind) => (
            <CheckboxLine
              key={kind}
              checked={kinds.includes(kind)}
              onChange={(checked) => {
                const next = checked ? [...kinds, kind] : kinds.filter((k) => k !== kind)
                if (next.length) onChange({ ...constraints, kinds: next })
              }}
            >
              {checkpointKindLabels[kind]}
            </CheckboxLine>
          ))}
        </FormField>
      </div>
      <FormField
        as="div"
        label="必选类别及数量"
        error={fieldError('constraints.requiredCategories')}
      >
        <ul className="plan-required">
          {required.map(([category, count]) => (
            <li key={category}>
              <span>{checkpointCategoryLabels[category]}</span>
              <input
                type="number"
                min={1}
                max={20}
                value={count}
                aria-label={`${checkpointCategoryLabels[category]} 至少`}
                onChange={(e) => {
                  const n = Number(e.target.value)
                  if (n >= 1) setRequired({ ...constraints.requiredCategories, [category]: n })
                }}
              />
              <button
                type="button"
                className="icon-button"
                aria-label={`移除 ${checkpointCategoryLabels[category]}`}
                onClick={() => {
                  const next = { ...constraints.requiredCategories }
                  delete next[category]
                  setRequired(next)
                }}
              >
                ×
              </button>
            </li>
          ))}
          {required.length === 0 && <li className="muted">未要求任何类别。</li>}
        </ul>
        <select
          value=""
          aria-label="添加必选类别"
          data-testid="constraint-add-category"
          onChange={(e) => {
            const c = e.target.value as CheckpointCategory
            if (c) setRequired({ ...constraints.requiredCategories, [c]: 1 })
          }}
        >
          <SelectOptions
            empty="＋ 添加必选类别…"
            options={optionsOf(unused, checkpointCategoryLabels)}
          />
        </select>
      </FormField>
    </fieldset>
  )
}
