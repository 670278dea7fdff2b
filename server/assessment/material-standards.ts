// Where the 材料审核 标准 come from: the year's 测评体系. Until a system is loaded there are none, and
// no unit has anything to document.
import type { MaterialStandardSource } from './material-service.ts'

export const noMaterialStandards: MaterialStandardSource = {
  materialStandards: async () => [],
}

/** A fixed list (tests, demos): the same 标准 every year. */
export function fixedMaterialStandards(
  standards: Awaited<ReturnType<MaterialStandardSource['materialStandards']>>,
): MaterialStandardSource {
  return { materialStandards: async () => standards }
}
