// Responsible units (责任单位). Units are rows in the store; this is the list a new store is seeded with:
// the county departments, then one government per township.

export interface Unit {
  code: string
  name: string
  kind: 'department' | 'township'
}

export const departmentUnits: readonly Unit[] = [
  { code: 'urban-management', name: '县城市管理局', kind: 'department' },
  { code: 'market-regulation', name: '县市场监督管理局', kind: 'department' },
  { code: 'housing', name: '县住房和城乡建设局', kind: 'department' },
  { code: 'traffic-police', name: '县公安局交警大队', kind: 'department' },
  { code: 'health', name: '县卫生健康局', kind: 'department' },
  { code: 'education', name: '县教育体育局', kind: 'department' },
  { code: 'culture-tourism', name: '县文化和旅游局', kind: 'department' },
  { code: 'transport', name: '县交通运输局', kind: 'department' },
  { code: 'civilization-office', name: '县委文明办', kind: 'department' },
]

/** Each township government is a unit too: `township-<NBS 9-digit code>`. */
/** The unit a text names: by code first, then by name. */
export function unitNamed<U extends Unit>(units: readonly U[], text: string): U | undefined {
  return units.find((u) => u.code === text) ?? units.find((u) => u.name === text)
}

export function townshipUnitCode(townshipCode: string): string {
  return `township-${townshipCode}`
}

export function townshipUnit(townshipCode: string, townshipName: string): Unit {
  return { code: townshipUnitCode(townshipCode), name: `${townshipName}人民政府`, kind: 'township' }
}

/** The units a new store starts with: every department, then each township's government. */
export function seedUnits(townships: readonly { code: string; name: string }[]): Unit[] {
  return [...departmentUnits, ...townships.map((t) => townshipUnit(t.code, t.name))]
}
