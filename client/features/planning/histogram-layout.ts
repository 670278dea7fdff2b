// Bars and ticks of a histogram drawn as SVG in a fixed viewBox (the browser scales it). Pure.

export interface HistogramBin {
  x0: number
  x1: number
  count: number
}

export interface HistogramBar extends HistogramBin {
  x: number // viewBox units from the left
  y: number // top of the bar
  width: number
  height: number
}

export interface HistogramLayout {
  bars: HistogramBar[]
  xTicks: { x: number; label: string }[]
  yTicks: { y: number; label: string }[]
  maxCount: number
  plot: { left: number; top: number; right: number; bottom: number }
}

export interface HistogramBox {
  width: number // viewBox width
  height: number
  padding?: { top: number; right: number; bottom: number; left: number }
  gapRatio?: number // share of a bin's width left empty between bars
}

/** Equal-width bins from counts over [min, max]. */
export function toBins(counts: readonly number[], min: number, max: number): HistogramBin[] {
  const step = counts.length ? (max - min) / counts.length : 0
  return counts.map((count, i) => ({ x0: min + i * step, x1: min + (i + 1) * step, count }))
}

/** A round step (1, 2 or 5 × 10ⁿ) giving about `target` ticks up to `max`. */
export function niceStep(max: number, target = 4): number {
  if (!(max > 0)) return 1
  const raw = max / target
  const power = 10 ** Math.floor(Math.log10(raw))
  const unit = raw / power
  const nice = unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10
  return Math.max(1, nice * power)
}

const defaultPadding = { top: 14, right: 10, bottom: 22, left: 34 } // top: room for mark labels

/** Bars scaled so the tallest touches the top; x ticks at the bins' edges (at most 6 labels). */
export function histogramLayout(
  bins: readonly HistogramBin[],
  box: HistogramBox,
  formatX: (x: number) => string = (x) => x.toFixed(2),
): HistogramLayout {
  const pad = box.padding ?? defaultPadding
  const plot = {
    left: pad.left,
    top: pad.top,
    right: box.width - pad.right,
    bottom: box.height - pad.bottom,
  }
  const plotW = Math.max(plot.right - plot.left, 0)
  const plotH = Math.max(plot.bottom - plot.top, 0)
  const maxCount = bins.reduce((m, b) => Math.max(m, b.count), 0)
  const step = niceStep(maxCount)
  const top = maxCount > 0 ? Math.ceil(maxCount / step) * step : 1
  const lo = bins[0]?.x0 ?? 0
  const hi = bins[bins.length - 1]?.x1 ?? 1
  const span = hi - lo || 1
  const xOf = (v: number) => plot.left + ((v - lo) / span) * plotW
  const gap = box.gapRatio ?? 0.12
  const bars = bins.map((bin) => {
    const x0 = xOf(bin.x0)
    const w = xOf(bin.x1) - x0
    const height = (bin.count / top) * plotH
    return { ...bin, x: x0 + (w * gap) / 2, width: w * (1 - gap), y: plot.bottom - height, height }
  })
  const every = Math.max(1, Math.ceil(bins.length / 5))
  const edges = bins.length ? [...bins.map((b) => b.x0), hi] : []
  const xTicks = edges
    .map((v, i) => ({ i, v }))
    .filter(({ i }) => i % every === 0 || i === edges.length - 1)
    .map(({ v }) => ({ x: xOf(v), label: formatX(v) }))
  const yTicks: HistogramLayout['yTicks'] = []
  for (let v = 0; v <= top; v += step)
    yTicks.push({ y: plot.bottom - (v / top) * plotH, label: String(v) })
  return { bars, xTicks, yTicks, maxCount, plot }
}

/** The server's bins ({ from, to, count }) in layout terms. */
export function toHistogramBins(
  histogram: readonly { from: number; to: number; count: number }[] | undefined,
): HistogramBin[] {
  return (histogram ?? []).map((b) => ({ x0: b.from, x1: b.to, count: b.count }))
}
