// 模拟抽检's results: the distribution of the random points' score over all draws (figures and
// histogram) and the 先整改 list, the points most often drawn while in bad condition.
import { useMemo } from 'react'
import { checkpointCategoryLabels } from '../../../server/domain/labels-zh.ts'
import { TableHead } from '../../ui/data-table.tsx'
import type { Distribution, RehearsalResult, WorstPoint } from './api.ts'
import type { CsvColumn } from './csv.ts'
import { Histogram } from './histogram.tsx'
import { toHistogramBins } from './histogram-layout.ts'
import { type FilteredList, ListTools } from './list-tools.tsx'

const pct = (n: number) => `${(n * 100).toFixed(1)}%`

export interface RehearsalDistributionProps {
  result: RehearsalResult
  distribution: Distribution
}

export function RehearsalDistribution({ result, distribution: d }: RehearsalDistributionProps) {
  const bins = useMemo(() => toHistogramBins(d.histogram), [d])
  return (
    <>
      <dl className="plan-stats" data-testid="rehearsal-stats">
        <div>
          <dt>平均得分率</dt>
          <dd data-testid="rehearsal-mean">{pct(d.mean)}</dd>
        </div>
        <div>
          <dt>标准差</dt>
          <dd>{pct(d.stdev)}</dd>
        </div>
        <div>
          <dt>p5 – p95</dt>
          <dd>
            {pct(d.p5)} – {pct(d.p95)}
          </dd>
        </div>
        <div>
          <dt>中位数</dt>
          <dd>{pct(d.p50)}</dd>
        </div>
      </dl>
      <Histogram
        bins={bins}
        formatX={(x) => `${Math.round(x * 100)}%`}
        marks={[
          { value: d.p5, label: 'p5' },
          { value: d.p50, label: 'p50' },
          { value: d.p95, label: 'p95' },
        ]}
        caption={`种子 ${result.seed}，${result.draws} 次抽取的随机点位得分率分布（纵轴：次数）`}
      />
    </>
  )
}

export interface WorstPointsProps {
  list: FilteredList<WorstPoint> // the panel keeps the filter across runs
  townshipName: (code: string) => string
  onFocus: (lngLat: [number, number]) => void
}

export function WorstPoints({ list, townshipName, onFocus }: WorstPointsProps) {
  const worst = list.rows
  const worstCsv: CsvColumn<WorstPoint>[] = [
    { header: '编号', value: (w) => w.id },
    { header: '名称', value: (w) => w.name },
    { header: '类别', value: (w) => checkpointCategoryLabels[w.category] ?? w.category },
    { header: '乡镇', value: (w) => (w.townshipCode ? townshipName(w.townshipCode) : '') },
    { header: '被抽中比例', value: (w) => w.drawnShare },
    { header: '抽中且状况差的比例', value: (w) => w.badShare },
    { header: '未办结问题', value: (w) => w.condition?.openIssues },
    { header: '逾期问题', value: (w) => w.condition?.overdueIssues },
  ]
  return (
    <>
      <h3 className="plan-h3">先整改：最常在状况差时被抽中的点位</h3>
      <ListTools
        list={list}
        placeholder="筛选名称、类别、乡镇"
        csv={{ stem: '先整改点位', columns: worstCsv }}
      />
      {list.total === 0 ? (
        <p className="plan-empty">没有点位在被抽中时得分率低于 0.6：随机点位库目前状况良好。</p>
      ) : (
        <table className="plan-table" data-testid="worst-list">
          <TableHead
            headings={[
              '点位',
              ['抽中', '被抽中的次数占全部抽取次数'],
              ['抽中且差', '被抽中且得分率 < 0.6 的次数占全部抽取次数'],
              '未办结/逾期',
            ]}
          />
          <tbody>
            {worst.slice(0, 100).map((w) => (
              <tr key={w.id}>
                <td>
                  {w.lngLat ? (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => w.lngLat && onFocus(w.lngLat)}
                    >
                      {w.name || w.id}
                    </button>
                  ) : (
                    w.name || w.id
                  )}
                  <div className="muted">
                    {checkpointCategoryLabels[w.category]}
                    {w.townshipCode ? ` · ${townshipName(w.townshipCode)}` : ''}
                  </div>
                </td>
                <td>{pct(w.drawnShare)}</td>
                <td>{pct(w.badShare)}</td>
                <td>
                  {w.condition?.openIssues ?? '—'} / {w.condition?.overdueIssues ?? '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}
