// What the layer panel says about one kind of check point: title, count, legend, and why it may
// be empty. Pure; the screen adds the toggle and the loading state.
import type { CheckpointKind } from '../../../server/domain/checkpoint.ts'
import { checkpointKindLabels } from '../../../server/domain/labels-zh.ts'
import { formatCount } from '../../lib/format.ts'
import type { CheckpointCollection } from './api.ts'
import { checkpointLegend, splitCheckpoints } from './layers.ts'

const kindRoles: Record<CheckpointKind, string> = {
  fixed: '必检点', // every assessment visits them
  random: '候选池', // assessors draw from these
}

/** One entry per kind; an empty kind names how many points the service returned in all. */
export function checkpointLayerEntry(
  kind: CheckpointKind,
  checkpoints: CheckpointCollection | undefined,
) {
  const shown = checkpoints ? splitCheckpoints(checkpoints)[kind].length : 0
  const total = checkpoints?.features.length ?? 0
  const label = checkpointKindLabels[kind]
  return {
    title: `${label}（${kindRoles[kind]}）`,
    count: `${formatCount(shown)} 个`,
    empty: shown === 0 ? `服务返回的 ${total} 个测评点位中没有${label}。` : undefined,
    swatches: checkpointLegend(kind),
  }
}
