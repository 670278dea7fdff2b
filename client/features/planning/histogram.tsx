// The distribution of a rehearsal's draw scores as an SVG histogram with p5 / p50 / p95 marks.
import { type HistogramBin, histogramLayout } from './histogram-layout.ts'

export interface HistogramProps {
  bins: readonly HistogramBin[]
  marks?: { value: number; label: string }[]
  formatX?: (x: number) => string
  caption: string
}

const box = { width: 320, height: 130 }

export function Histogram({ bins, marks = [], formatX, caption }: HistogramProps) {
  const layout = histogramLayout(bins, box, formatX)
  const lo = bins[0]?.x0 ?? 0
  const hi = bins[bins.length - 1]?.x1 ?? 1
  const xOf = (v: number) =>
    layout.plot.left + ((v - lo) / (hi - lo || 1)) * (layout.plot.right - layout.plot.left)
  return (
    <figure className="plan-histogram" data-testid="rehearsal-histogram">
      <svg viewBox={`0 0 ${box.width} ${box.height}`} role="img" aria-label={caption}>
        {layout.yTicks.map((t) => (
          <g key={t.label}>
            <line
              x1={layout.plot.left}
              x2={layout.plot.right}
              y1={t.y}
              y2={t.y}
              className="plan-histogram__grid"
            />
            <text
              x={layout.plot.left - 4}
              y={t.y + 3}
              textAnchor="end"
              className="plan-histogram__tick"
            >
              {t.label}
            </text>
          </g>
        ))}
        {layout.bars.map((b) => (
          <rect
            key={b.x0}
            x={b.x}
            y={b.y}
            width={b.width}
            height={b.height}
            className="plan-histogram__bar"
          >
            <title>{`${formatX ? formatX(b.x0) : b.x0.toFixed(2)}–${formatX ? formatX(b.x1) : b.x1.toFixed(2)}：${b.count} 次`}</title>
          </rect>
        ))}
        {marks.map((m) => (
          <g key={m.label}>
            <line
              x1={xOf(m.value)}
              x2={xOf(m.value)}
              y1={layout.plot.top}
              y2={layout.plot.bottom}
              className="plan-histogram__mark"
            />
            <text
              x={xOf(m.value)}
              y={layout.plot.top - 4}
              textAnchor="middle"
              className="plan-histogram__mark-label"
            >
              {m.label}
            </text>
          </g>
        ))}
        {layout.xTicks.map((t) => (
          <text
            key={`${t.x}`}
            x={t.x}
            y={box.height - 6}
            textAnchor="middle"
            className="plan-histogram__tick"
          >
            {t.label}
          </text>
        ))}
      </svg>
      <figcaption className="muted">{caption}</figcaption>
    </figure>
  )
}
