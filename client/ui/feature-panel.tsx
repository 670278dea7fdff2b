// The side panel with the selected feature's properties in Chinese.
import type { FeatureDetails } from '../lib/format.ts'

export interface FeaturePanelProps {
  details: FeatureDetails
  onClose: () => void
}

export function FeaturePanel({ details, onClose }: FeaturePanelProps) {
  return (
    <aside className="panel feature-panel" aria-label="要素详情" data-testid="feature-panel">
      <header className="feature-panel__header">
        <div>
          <p className="feature-panel__kind">{details.kind}</p>
          <h2 className="feature-panel__title">{details.title}</h2>
          {details.badge && (
            <span className="badge" style={{ backgroundColor: details.badge.color }}>
              {details.badge.text}
            </span>
          )}
        </div>
        <button type="button" className="icon-button" onClick={onClose} aria-label="关闭详情">
          ×
        </button>
      </header>
      <dl className="feature-panel__rows">
        {details.rows.map((row) => (
          <div key={row.key} className={`feature-panel__row${row.tone ? ` is-${row.tone}` : ''}`}>
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
      {details.action && (
        <a
          className="button feature-panel__action"
          href={details.action.href}
          target="_blank"
          rel="noreferrer"
          data-testid="feature-panel-action"
        >
          {details.action.label}
        </a>
      )}
    </aside>
  )
}
