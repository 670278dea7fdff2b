// Weight sliders (0–10) of the demonstration-point score, each with what its factor measures.
import type { Weights } from './api.ts'
import { factors, weightRange, weightSum } from './factors.ts'

export interface WeightsFormProps {
  weights: Weights
  onChange: (weights: Weights) => void
  onReset: () => void
}

export function WeightsForm({ weights, onChange, onReset }: WeightsFormProps) {
  const sum = weightSum(weights)
  return (
    <fieldset className="plan-fieldset" data-testid="weights-form">
      <legend>
        评分权重 <span className="muted">（0–10，得分 = 100 × Σ权重×因子 / Σ权重）</span>
      </legend>
      {factors.map((f) => (
        <label key={f.id} className="plan-slider" title={f.explain}>
          <span className="plan-slider__label">{f.label}</span>
          <input
            type="range"
            min={weightRange.min}
            max={weightRange.max}
            step={weightRange.step}
            value={weights[f.id]}
            data-factor={f.id}
            aria-describedby={`factor-${f.id}`}
            onChange={(e) => onChange({ ...weights, [f.id]: Number(e.target.value) })}
          />
          <output className="plan-slider__value">{weights[f.id]}</output>
          <span id={`factor-${f.id}`} className="plan-slider__explain">
            {f.explain}
          </span>
        </label>
      ))}
      {sum === 0 && (
        <p className="form-error">所有权重都为 0，无法计算得分：请至少把一项调到 0 以上。</p>
      )}
      <button type="button" className="text-button" onClick={onReset}>
        恢复默认权重
      </button>
    </fieldset>
  )
}
