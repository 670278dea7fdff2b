// One ECharts instance per chart, dark theme, canvas renderer, sized by its box. The instance lives
// as long as the component: options are merged in place, and it is disposed on unmount, so a wall
// left on for days does not pile up canvases or listeners.
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { useEffect, useRef } from 'react'

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, CanvasRenderer])

export type ChartOption = echarts.EChartsCoreOption

export interface EChartProps {
  option: ChartOption
  className?: string
  testId?: string
}

export function EChart({ option, className, testId }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null)
  const chartRef = useRef<echarts.ECharts | null>(null)

  useEffect(() => {
    const el = ref.current
    if (!el) return
    const chart = echarts.init(el, 'dark', { renderer: 'canvas' })
    chartRef.current = chart
    const observer = new ResizeObserver(() => chart.resize())
    observer.observe(el)
    return () => {
      observer.disconnect()
      chartRef.current = null
      chart.dispose()
    }
  }, [])

  useEffect(() => {
    // notMerge: a series that went away (a smaller township) must not linger
    chartRef.current?.setOption(option, { notMerge: true, lazyUpdate: true })
  }, [option])

  return <div ref={ref} className={className} data-testid={testId} />
}
