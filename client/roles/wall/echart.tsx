// One ECharts instance per chart, dark theme, canvas renderer, sized by its box. It is disposed on
// unmount, and recreated after every `recreateEvery` option updates: ECharts keeps a little state
// per setOption, and a wall left on for weeks updates its charts about once a second.
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

const recreateEvery = 500 // option updates per chart instance

export function EChart({ option, className, testId }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null)
  const chartRef = useRef<echarts.ECharts | null>(null)
  const updates = useRef(0)

  useEffect(() => {
    const el = ref.current
    if (!el) return
    chartRef.current = echarts.init(el, 'dark', { renderer: 'canvas' })
    const observer = new ResizeObserver(() => chartRef.current?.resize())
    observer.observe(el)
    return () => {
      observer.disconnect()
      chartRef.current?.dispose()
      chartRef.current = null
    }
  }, [])

  useEffect(() => {
    const el = ref.current
    if (!el || !chartRef.current) return
    if (++updates.current % recreateEvery === 0) {
      chartRef.current.dispose()
      chartRef.current = echarts.init(el, 'dark', { renderer: 'canvas' })
    }
    // notMerge: a series that went away (a smaller township) must not linger
    chartRef.current.setOption(option, { notMerge: true, lazyUpdate: true })
  }, [option])

  return <div ref={ref} className={className} data-testid={testId} />
}
