// The overview's right panel: the 上报问题 form while reporting, else the selected issue with its
// timeline and actions, else the selected feature's details.
import type { ComponentProps } from 'react'
import type { IssueFeature } from '../../features/issues/api.ts'
import { IssueDetailPanel } from '../../features/issues/issue-detail-panel.tsx'
import { ReportPanel } from '../../features/issues/report-panel.tsx'
import type { FeatureDetails } from '../../lib/format.ts'
import { roleLabel } from '../../lib/role-label.ts'
import { FeaturePanel } from '../../ui/feature-panel.tsx'
import type { Selection } from './map-selection.ts'
import type { ReportDraft } from './use-report-mode.ts'

type ReportProps = ComponentProps<typeof ReportPanel>
type IssueProps = ComponentProps<typeof IssueDetailPanel>

export interface OverviewDetailProps {
  report: ReportDraft | undefined // undefined: not reporting
  reportForm: Omit<ReportProps, 'lngLat'>
  selection: Selection | undefined
  issue: Omit<IssueProps, 'id' | 'fallback' | 'onClose' | 'names'> & {
    unitName: (code: string) => string
  }
  details: FeatureDetails | undefined
  onClose: () => void
}

export function OverviewDetail(props: OverviewDetailProps) {
  const { report, selection, onClose } = props
  if (report) return <ReportPanel lngLat={report.lngLat} {...props.reportForm} />
  if (selection?.collection === 'issues') {
    const { unitName, ...issue } = props.issue
    return (
      <IssueDetailPanel
        key={selection.id}
        id={selection.id}
        fallback={selection.feature as IssueFeature}
        names={{ role: roleLabel, unit: unitName }}
        onClose={onClose}
        {...issue}
      />
    )
  }
  return props.details ? <FeaturePanel details={props.details} onClose={onClose} /> : null
}
