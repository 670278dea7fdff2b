// The planning map's legend (folded on narrow screens, the planner's last choice remembered) and
// the forecast tab's township tooltip.
import { useState } from 'react'
import type { ForecastResult } from '../../features/planning/api.ts'
import {
  corridorLegend,
  drawLegend,
  type ForecastArea,
  forecastLegend,
  scoreLegend,
  starLegend,
} from '../../features/planning/layers.ts'
import type { LegendSwatch } from '../../lib/legend.ts'
import { DisclosureButton } from '../../ui/disclosure-button.tsx'
import { LegendSwatch as Swatch } from '../../ui/legend-swatch.tsx'

const legendKey = 'planning.legendOpen' // localStorage: the planner's last choice
const legendOpenMinWidthPx = 1366 // narrower screens start with the legend folded

function initialLegendOpen(): boolean {
  try {
    const stored = localStorage.getItem(legendKey)
    if (stored === 'true' || stored === 'false') return stored === 'true'
  } catch {
    // storage blocked (private mode): fall back to the screen width
  }
  return window.innerWidth >= legendOpenMinWidthPx
}

function legendOf(
  tab: string,
  comparing: boolean,
  forecastResult: ForecastResult | undefined,
  fieldShare: number | undefined,
): LegendSwatch[] {
  return tab === 'demo'
    ? [...scoreLegend(), ...starLegend(comparing ? ['onlyA', 'onlyB', 'both'] : ['plan'])]
    : tab === 'rehearsal'
      ? [
          ...drawLegend(),
          { label: '其他点位（按示范点得分，淡色）', shape: 'dot', color: [200, 200, 200, 255] },
        ]
      : tab === 'forecast'
        ? [
            ...forecastLegend(forecastResult?.townships ?? [], fieldShare ?? Number.NaN),
            { ...scoreLegend()[0], label: '候选点得分 0 → 100（淡色）' } as LegendSwatch,
          ]
        : [
            { label: '乡镇政府所在地 1 公里范围', shape: 'line', color: [106, 61, 154, 255] },
            ...corridorLegend(),
          ]
}

export function PlanningLegend({
  tab,
  comparing,
  rehearsed,
  forecastResult,
  forecastFetching,
  forecastAreas,
  fieldShare,
}: {
  tab: string
  comparing: boolean
  rehearsed: boolean
  forecastResult: ForecastResult | undefined
  forecastFetching: boolean
  /** How many townships the forecast colours. */
  forecastAreas: number
  /** 实地考察's share of the 测评体系 (the place's settings). */
  fieldShare: number | undefined
}) {
  const [open, setOpenState] = useState(initialLegendOpen)
  const setOpen = (next: boolean) => {
    setOpenState(next)
    try {
      localStorage.setItem(legendKey, String(next))
    } catch {
      // not remembered; the toggle still works
    }
  }
  const legend = legendOf(tab, comparing, forecastResult, fieldShare)
  return (
    <aside
      className={`panel planning-legend${open ? '' : ' is-collapsed'}`}
      aria-label="图例"
      data-testid="planning-legend"
    >
      <DisclosureButton
        open={open}
        onOpenChange={setOpen}
        className="planning-legend__toggle"
        testId="legend-toggle"
      >
        <span>图例</span>
        <span aria-hidden="true">{open ? '▴ 收起' : '▾ 展开'}</span>
      </DisclosureButton>
      {open && (
        <>
          <ul className="legend" data-testid="legend-items">
            {legend.map((s) => (
              <li key={s.label}>
                <Swatch swatch={s} />
                <span>{s.label}</span>
              </li>
            ))}
          </ul>
          {tab === 'demo' && !comparing && (
            <p className="muted">点击地图上的点位可加入/移出方案。</p>
          )}
          {tab === 'rehearsal' && !rehearsed && (
            <p className="muted">运行模拟后，第 1 次抽取的点位显示在地图上。</p>
          )}
          {tab === 'forecast' && forecastAreas > 0 && (
            <p className="muted" data-testid="forecast-map-note">
              乡镇按预期得分着色（共 {forecastAreas} 个）；鼠标移到乡镇上看得分区间。
            </p>
          )}
          {tab === 'forecast' && forecastAreas === 0 && (
            <p className="muted">
              {forecastFetching
                ? '正在计算得分预测，完成后乡镇按预期得分着色…'
                : '暂无乡镇预测结果，乡镇暂不着色。'}
            </p>
          )}
        </>
      )}
    </aside>
  )
}

export function ForecastTooltip({
  hovered,
  fieldShare,
}: {
  hovered: { x: number; y: number; area: ForecastArea }
  fieldShare: number | undefined
}) {
  const { township } = hovered.area
  return (
    <div
      className="plan-tooltip"
      role="tooltip"
      data-testid="forecast-tooltip"
      style={{ left: hovered.x + 14, top: hovered.y + 14 }}
    >
      <strong>{hovered.area.name}</strong>
      <span>
        预期 {township.expected.toFixed(1)} 分（p5–p95：
        {township.low.toFixed(1)} – {township.high.toFixed(1)}）
      </span>
      <span className="muted">
        满分 {fieldShare ?? '—'}
        {township.note ? `；${township.note}` : ''}
      </span>
    </div>
  )
}
