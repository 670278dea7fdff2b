// The 示意 测评体系 a new store starts with: 12 测评项目, 30 测评内容, 62 测评标准 — the shape of the
// real system (12 / 90 / 188) at a third of its size, NOT the official text (the county imports that
// as XLSX). Points come from weights scaled so each method totals the place profile's share.
import {
  type AssessmentItem,
  type AssessmentMethod,
  type AssessmentSystem,
  allTownshipsUnit,
  assessmentMethods,
  round1,
} from '../domain/assessment-system.ts'

type Shares = Record<AssessmentMethod, number>

// One line per 测评标准: method (F 实地考察, M 材料审核, S 问卷调查, D 部门评价), weight (! = 一票否决),
// then 牵头 | 负责 | 配合 unit codes (comma-separated, - for none; townships = 各乡镇) | the text.
const template = `
# 思想理论建设
## 理论学习
M 3 | civilization-office | civilization-office | townships | 党委（党组）理论学习中心组学习制度健全，学习记录完整
M 2 | civilization-office | townships | culture-tourism | 基层宣讲活动常态开展，有计划、有记录、有图片
## 宣传阵地
F 3 | civilization-office | townships | culture-tourism | 新时代文明实践中心（所、站）阵地建设规范，有标识、有制度
M 3 | civilization-office | townships | - | 实践活动每月开展，台账完整
# 社会主义核心价值观
## 公益广告
F 4 | civilization-office | urban-management | housing | 主次干道、公园广场公益广告数量充足、设置规范、画面完好
F 2 | civilization-office | transport | culture-tourism | 车站、窗口单位电子屏滚动播放公益广告
## 道德模范与身边好人
M 2 | civilization-office | civilization-office | - | 道德模范、身边好人评选表彰有文件、有名单
F 2 | civilization-office | townships | - | 好人榜、善行义举榜设置规范，内容及时更新
## 核心价值观融入
M 2 | civilization-office | townships | - | 市民公约、村规民约修订完善并公示
S 2 | civilization-office | civilization-office | townships | 群众对社会主义核心价值观的知晓情况
# 公共文明秩序
## 交通秩序
F 4 | traffic-police | traffic-police | urban-management | 机动车礼让斑马线，行人、非机动车遵守信号灯
F 4 | traffic-police | traffic-police | urban-management | 车辆停放有序，无乱停乱放
## 市场秩序
F 4 | market-regulation | market-regulation | urban-management | 农贸市场划行归市，无占道经营、店外经营
F 2 | market-regulation | market-regulation | - | 市场公平秤、食品安全公示设置齐全
## 公共场所秩序
F 3 | urban-management | urban-management | townships | 公共场所无乱扔乱吐、无不文明行为
F 2 | transport | transport | civilization-office | 车站、窗口单位排队有序，有文明引导员
# 市容环境卫生
## 街面环境
F 5 | urban-management | urban-management | townships | 主次干道、背街小巷干净整洁，无卫生死角
F 3 | urban-management | urban-management | housing | 沿街立面整洁，无乱贴乱画、乱搭乱建
## 垃圾分类
F 3 | urban-management | urban-management | townships | 垃圾分类设施配置齐全、标识清楚、定时清运
M 2 | urban-management | urban-management | - | 垃圾分类宣传和督导记录完整
## 小区与城中村
F 3 | housing | housing | townships | 居民小区环境整洁，物业管理规范
F 3 | housing | townships | urban-management | 城中村、城郊结合部无垃圾堆积、无污水横流
# 公共服务设施
## 无障碍设施
F 3 | housing | housing | urban-management | 盲道连续畅通，无障碍坡道、卫生间设置规范
M 1 | housing | housing | - | 无障碍设施建设和维护台账
## 公共厕所
F 3 | urban-management | urban-management | - | 公共厕所数量达标、干净无异味、标识清楚
M 1 | urban-management | urban-management | - | 公共厕所保洁管理制度和巡查记录
## 文化体育设施
F 2 | culture-tourism | culture-tourism | - | 公共文化场馆免费开放，开放时间公示
F 2 | education | education | townships | 全民健身设施完好可用
# 窗口行业服务
## 政务服务
F 2 | civilization-office | civilization-office | - | 政务服务中心一次办好、服务规范，有评价器
F 2 | civilization-office | transport | health | 窗口单位服务承诺、投诉电话公示
## 医疗服务
F 2 | health | health | - | 医院就诊秩序良好，便民服务设施齐全
M 2 | health | health | - | 医德医风建设和患者满意度调查材料
# 诚信建设与法治环境
## 诚信建设
M 3 | market-regulation | market-regulation | - | 社会信用体系建设制度和信用信息公示材料
M 2 | market-regulation | market-regulation | - | 失信联合惩戒工作台账
## 法治环境
M 2 | civilization-office | civilization-office | townships | 普法宣传教育活动有计划、有总结
M 2! | civilization-office | townships | housing | 年度内未发生重大安全生产责任事故
# 未成年人思想道德建设
## 学校德育
M 4 | education | education | - | 中小学德育工作有方案、有记录、有成效
F 3 | education | education | market-regulation | 学校周边无网吧、无游戏厅、无流动摊点
## 校外教育
M 3 | education | education | townships | 乡村学校少年宫、校外活动场所常态开放
M 2! | education | education | civilization-office | 未成年人思想道德建设测评不低于规定分数
# 志愿服务与文明实践
## 志愿服务
M 3 | civilization-office | civilization-office | townships | 注册志愿者占常住人口比例达到要求，服务时长有记录
F 2 | civilization-office | townships | - | 志愿服务站点设置规范，有人值守
## 学雷锋活动
M 2 | civilization-office | townships | - | 学雷锋志愿服务活动常态开展，有图片资料
M 2 | civilization-office | health | townships | 关爱特殊群体志愿服务项目台账
# 文化惠民与文明风尚
## 文化惠民
M 2 | culture-tourism | culture-tourism | townships | 文化惠民演出、送戏下乡场次达标
F 2 | culture-tourism | culture-tourism | - | 景区文明旅游提示、游客服务中心规范
## 移风易俗
M 2 | civilization-office | townships | - | 红白理事会章程健全，婚丧事宜简办
F 1 | market-regulation | market-regulation | - | 文明餐桌、光盘行动提示到位
## 文明家庭与文明单位
M 2 | civilization-office | civilization-office | townships | 文明家庭、文明单位评选有文件、有动态管理
M 1 | civilization-office | civilization-office | - | 文明单位结对共建活动记录
# 生态环境与宜居
## 生态环境
F 3 | housing | housing | urban-management | 建筑工地围挡规范、出入车辆冲洗、无扬尘
M 3 | housing | housing | - | 空气质量、水环境质量达到年度目标
## 园林绿化
F 2 | housing | housing | urban-management | 公园广场绿化养护到位，设施完好
M 1 | housing | housing | - | 绿化建设年度计划和完成情况材料
# 群众评价与部门评价
## 群众评价
S 3 | civilization-office | civilization-office | townships | 群众对文明创建工作的知晓率
S 3 | civilization-office | civilization-office | townships | 群众对文明创建工作的支持率
S 4 | civilization-office | civilization-office | townships | 群众对文明创建工作的满意率
## 上级主管部门意见
D 5 | civilization-office | civilization-office | - | 上级文明委成员单位对本地创建工作的评价
D 4 | civilization-office | civilization-office | health | 上级主管部门对本地行业文明建设的评价
D 1! | civilization-office | townships | - | 年度内未发生严重违法违纪和负面舆情事件
## 创建组织
M 2 | civilization-office | civilization-office | - | 创建工作领导机构健全，工作方案、责任分工明确
M 2 | civilization-office | civilization-office | townships | 创建经费纳入财政预算，督查问责机制健全
`

const methodLetters: Record<string, AssessmentMethod> = {
  F: 'field',
  M: 'materials',
  S: 'survey',
  D: 'departments',
}

interface TemplateRow {
  item: string
  content: string
  text: string
  method: AssessmentMethod
  weight: number
  veto: boolean
  units: [string[], string[], string[]] // 牵头, 负责, 配合
}

function templateRows(): TemplateRow[] {
  const rows: TemplateRow[] = []
  let item = ''
  let content = ''
  for (const line of template.trim().split('\n')) {
    if (line.startsWith('## ')) content = line.slice(3)
    else if (line.startsWith('# ')) item = line.slice(2)
    else {
      const [head = '', lead = '', responsible = '', support = '', text = ''] = line.split(' | ')
      const [letter = '', weight = ''] = head.split(' ')
      const units = (list: string) =>
        list === '-' ? [] : list.split(',').map((u) => (u === 'townships' ? allTownshipsUnit : u))
      rows.push({
        item,
        content,
        text,
        method: methodLetters[letter] as AssessmentMethod,
        weight: Number.parseFloat(weight),
        veto: weight.endsWith('!'),
        units: [units(lead), units(responsible), units(support)],
      })
    }
  }
  return rows
}

/**
 * The 示意 system for `year`, its points scaled from the template weights so each method sums to the
 * given share (rounded to 0.1; the rounding remainder goes to the method's heaviest 标准).
 */
export function demoAssessmentSystem(
  year: number,
  shares: Shares,
  source: string,
): AssessmentSystem {
  const rows = templateRows()
  const points = new Map<TemplateRow, number>()
  for (const method of assessmentMethods) {
    const ofMethod = rows.filter((r) => r.method === method)
    const weight = ofMethod.reduce((sum, r) => sum + r.weight, 0)
    let given = 0
    for (const r of ofMethod) {
      const p = round1((shares[method] * r.weight) / weight)
      points.set(r, p)
      given += p
    }
    const heaviest = ofMethod.reduce<TemplateRow | undefined>(
      (a, b) => (a === undefined || b.weight > a.weight ? b : a),
      undefined,
    )
    if (heaviest) points.set(heaviest, round1((points.get(heaviest) ?? 0) + shares[method] - given))
  }
  const pad = (n: number) => String(n + 1).padStart(2, '0')
  const items: AssessmentItem[] = []
  for (const row of rows) {
    let item = items.at(-1)
    if (item?.name !== row.item) {
      item = { code: pad(items.length), name: row.item, contents: [] }
      items.push(item)
    }
    let content = item.contents.at(-1)
    if (content?.name !== row.content) {
      content = {
        code: `${item.code}-${pad(item.contents.length)}`,
        name: row.content,
        standards: [],
      }
      item.contents.push(content)
    }
    const [leadUnits, responsibleUnits, supportUnits] = row.units
    content.standards.push({
      code: `${content.code}-${pad(content.standards.length)}`,
      text: row.text,
      method: row.method,
      points: points.get(row) ?? 0,
      veto: row.veto,
      leadUnits,
      responsibleUnits,
      supportUnits,
    })
  }
  return {
    year,
    name: `${year}年度文明城市测评体系（示意）`,
    source: `示意数据，按${source}的分值比例编排，非官方文本；正式使用请导入本地测评体系 Excel`,
    illustrative: true,
    items,
  }
}
