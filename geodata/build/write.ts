// Serialization: a FeatureCollection with one feature per line, so git diffs stay small and the
// same features always give the same bytes.
import type { OutFeature } from './features.ts'

export function toFeatureCollectionText(features: readonly OutFeature<unknown>[]): string {
  const lines = features.map((f) => JSON.stringify(f))
  return `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`
}
