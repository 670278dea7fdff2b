// 问题编号 for a bulk load of the issues collection (demo data, a reload): every issue gets its number
// before its row is written, so the row and its import event carry it. Pure: features in, features out.
import { numberIssues } from '../domain/issue-number.ts'
import type { GeoJsonFeature } from './store.ts'

/** The features with issueNo set: kept where given and well formed, else the next of its year. */
export function withIssueNumbers(features: readonly GeoJsonFeature[]): GeoJsonFeature[] {
  const items = features.map((feature, index) => {
    const properties = (feature.properties ?? {}) as Record<string, unknown>
    return {
      id: featureIdOf(feature, index),
      reportedAt: String(properties.reportedAt ?? ''),
      ...(typeof properties.issueNo === 'string' ? { issueNo: properties.issueNo } : {}),
    }
  })
  const { numbers } = numberIssues(items)
  return features.map((feature, index) => {
    const issueNo = numbers.get(featureIdOf(feature, index))
    if (issueNo === undefined) return feature
    return { ...feature, properties: { ...feature.properties, issueNo } }
  })
}

/** A loaded feature's id as the loaders give it: its own, or its 1-based position. */
export function featureIdOf(feature: GeoJsonFeature, index: number): string {
  return feature.id === undefined || feature.id === null ? String(index + 1) : String(feature.id)
}
