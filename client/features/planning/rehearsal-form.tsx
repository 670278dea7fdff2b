// 模拟抽检's settings: the seed (or a new random one), the number of draws and the points drawn per
// random category, with the run and replay buttons. The panel keeps the values: a replay reuses the
// last request, not what the form shows now.
import { randomCheckpointCategories } from '../../../server/domain/checkpoint.ts'
import { checkpointCategoryLabels } from '../../../server/domain/labels-zh.ts'
import { wholeNumber } from '../../lib/whole-number.ts'
import { FormField, NumberField } from '../../ui/form-field.tsx'
import { SubmitForm } from '../../ui/submit-form.tsx'

export type PerCategory = Record<(typeof randomCheckpointCategories)[number], number>
const defaultPerCategory = Object.fromEntries(
  randomCheckpointCategories.map((c) => [c, 2]),
) as PerCategory

export interface RehearsalSettings {
  seed: number
  draws: number
  perCategory: PerCategory
}
export const defaultRehearsalSettings: RehearsalSettings = {
  seed: 20260301,
  draws: 1000,
  perCategory: defaultPerCategory,
}

export interface RehearsalFormProps {
  settings: RehearsalSettings
  onChange: (patch: Partial<RehearsalSettings>) => void
  running: boolean
  canReplay: boolean // a run has finished, so there is a request to replay
  onRun: () => void
  onReplay: () => void
}

export function RehearsalForm(props: RehearsalFormProps) {
  const { settings, onChange, running, canReplay, onRun, onReplay } = props
  const { seed, draws, perCategory } = settings
  const onSeed = (next: number) => onChange({ seed: next })
  return (
    <SubmitForm className="plan-fieldset plan-grid" onSubmit={onRun}>
      <FormField label="随机种子">
        <span className="plan-inline">
          <input
            type="number"
            min={0}
            max={2147483647}
            value={seed}
            data-testid="rehearsal-seed"
            onChange={(e) => onSeed(wholeNumber(e.target.value, 0))}
          />
          <button
            type="button"
            className="text-button"
            title="换一个随机种子"
            onClick={() => onSeed(Math.floor(Math.random() * 2147483647))}
          >
            换一个
          </button>
        </span>
      </FormField>
      <NumberField
        label="抽取次数（1–5000）"
        min={1}
        max={5000}
        value={draws}
        testId="rehearsal-draws"
        onChange={(text) => onChange({ draws: wholeNumber(text, 1, 5000) })}
      />
      <details className="plan-per-category">
        <summary>每类抽取点位数（默认各 2 个）</summary>
        <div className="plan-grid">
          {randomCheckpointCategories.map((c) => (
            <NumberField
              key={c}
              label={checkpointCategoryLabels[c]}
              min={0}
              max={20}
              value={perCategory[c]}
              onChange={(text) =>
                onChange({ perCategory: { ...perCategory, [c]: wholeNumber(text, 0) } })
              }
            />
          ))}
        </div>
      </details>
      <div className="action-form__buttons">
        <button type="submit" className="button" disabled={running} data-testid="rehearsal-run">
          开始模拟
        </button>
        <button
          type="button"
          className="button is-plain"
          disabled={running || !canReplay}
          data-testid="rehearsal-replay"
          title="用上次的种子和参数重新抽取，结果应完全相同"
          onClick={onReplay}
        >
          按种子重放
        </button>
      </div>
    </SubmitForm>
  )
}
