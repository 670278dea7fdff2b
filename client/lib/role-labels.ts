// Role names as the header and the issue timeline show them.
// TODO(#4): read them from server/domain/labels-zh.ts once the server's role labels land there.

const roleLabels: Record<string, string> = {
  commander: '指挥长',
  inspector: '督导员',
  'unit-operator': '责任单位经办人',
  'grid-manager': '网格长',
  planner: '规划人员',
  admin: '管理员',
  display: '大屏展示',
  system: '系统',
}

export function roleLabel(role: string): string {
  return roleLabels[role] ?? role
}
