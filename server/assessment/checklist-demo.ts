// The 示意 点位测评 checklists a new store starts with: per check-point category, the 静态指标 that must
// be in place and the 动态指标 that must stay clear, each linked to a 标准 of the 示意 测评体系
// (system-demo.ts) and to the ledger category its failure is reported under.

import type { ChecklistItem, ChecklistItemKind } from '../domain/checklist.ts'
import { type CheckpointCategory, checkpointCategories } from '../domain/checkpoint.ts'
import type { IssueCategory } from '../domain/issue.ts'

interface ItemTemplate {
  kind: ChecklistItemKind
  text: string
  standardCode: string
  issueCategory: IssueCategory
}

const item = (
  kind: ChecklistItemKind,
  text: string,
  standardCode: string,
  issueCategory: IssueCategory,
): ItemTemplate => ({ kind, text, standardCode, issueCategory })

// the items many categories share
const ads = item('static', '公益广告数量充足、画面完好', '02-01-01', 'public-ads')
const sorting = item('static', '垃圾分类设施齐全、标识清楚', '04-02-01', 'facility-damage')
const barrierFree = item(
  'static',
  '无障碍设施（盲道、坡道）完好畅通',
  '05-01-01',
  'facility-damage',
)
const goodDeeds = item('static', '好人榜、善行义举榜设置规范', '02-02-02', 'public-ads')
const corners = item('dynamic', '无卫生死角、无垃圾堆积', '04-01-01', 'exposed-garbage')
const posters = item('dynamic', '无乱贴乱画、无小广告', '04-01-02', 'graffiti')
const vending = item('dynamic', '无占道经营、店外经营', '03-02-01', 'street-vending')
const parking = item('dynamic', '无乱停乱放，车辆停放有序', '03-01-02', 'illegal-parking')
const behaviour = item('dynamic', '无乱扔乱吐等不文明行为', '03-03-01', 'exposed-garbage')
const pledges = item('static', '服务承诺、投诉电话公示', '06-01-02', 'public-ads')
const sewage = item('dynamic', '无垃圾堆积、无污水横流', '04-03-02', 'exposed-garbage')

const street = [ads, sorting, barrierFree, corners, posters, vending, parking]

const checklists: Record<CheckpointCategory, ItemTemplate[]> = {
  'main-road': [
    ...street,
    item('dynamic', '机动车礼让斑马线，行人守信号', '03-01-01', 'illegal-parking'),
  ],
  market: [
    ads,
    sorting,
    item('static', '公平秤、食品安全公示齐全', '03-02-02', 'facility-damage'),
    corners,
    vending,
    parking,
    item('dynamic', '文明餐桌、光盘行动提示到位', '10-02-02', 'public-ads'),
  ],
  residential: [
    ads,
    sorting,
    goodDeeds,
    corners,
    parking,
    item('dynamic', '小区环境整洁、无私搭乱建', '04-03-01', 'illegal-construction'),
  ],
  'park-square': [
    ads,
    sorting,
    barrierFree,
    item('static', '健身设施完好可用', '05-03-02', 'facility-damage'),
    corners,
    behaviour,
    item('dynamic', '绿化养护到位、无毁绿', '11-02-01', 'greenery-damage'),
  ],
  school: [
    ads,
    item('static', '校园德育宣传阵地规范', '08-01-01', 'public-ads'),
    corners,
    item('dynamic', '校门口无流动摊点', '08-01-02', 'street-vending'),
    parking,
  ],
  hospital: [
    ads,
    barrierFree,
    item('static', '便民服务设施齐全', '06-02-01', 'facility-damage'),
    corners,
    parking,
  ],
  station: [
    ads,
    item('static', '电子屏滚动播放公益广告', '02-01-02', 'public-ads'),
    barrierFree,
    corners,
    item('dynamic', '排队有序，有文明引导', '03-03-02', 'illegal-parking'),
  ],
  'government-service': [
    ads,
    pledges,
    barrierFree,
    item('dynamic', '窗口服务规范、有评价器', '06-01-01', 'facility-damage'),
  ],
  'window-unit': [ads, pledges, barrierFree, corners],
  'scenic-spot': [
    ads,
    item('static', '文明旅游提示、游客服务中心规范', '10-01-02', 'public-ads'),
    sorting,
    corners,
    behaviour,
  ],
  'civilization-station': [
    item('static', '文明实践站标识、制度上墙', '01-02-01', 'public-ads'),
    item('static', '志愿服务站点有人值守', '09-01-02', 'facility-damage'),
    goodDeeds,
    corners,
  ],
  'public-toilet': [
    item('static', '标识清楚、设施完好', '05-02-01', 'facility-damage'),
    barrierFree,
    item('dynamic', '干净无异味', '05-02-01', 'dirty-toilet'),
  ],
  'construction-site': [
    item('static', '围挡规范，公益广告上围挡', '11-01-01', 'public-ads'),
    item('dynamic', '出入车辆冲洗、无扬尘', '11-01-01', 'fumes-noise'),
    corners,
  ],
  'back-lane': [sorting, corners, posters, vending, parking],
  'residential-compound': [ads, sorting, goodDeeds, corners, parking],
  'urban-fringe': [sorting, sewage, posters, parking],
  'urban-village': [
    sorting,
    sewage,
    item('dynamic', '无乱搭乱建', '04-01-02', 'illegal-construction'),
    parking,
  ],
  'bus-corridor': [ads, barrierFree, corners, parking, vending],
  'school-surroundings': [
    ads,
    item('dynamic', '学校周边无流动摊点、无网吧', '08-01-02', 'street-vending'),
    parking,
    corners,
  ],
  'hospital-surroundings': [ads, corners, vending, parking],
  'market-surroundings': [ads, sorting, corners, vending, parking],
}

/** Every category's checklist, codes `<category>-s01` (静态) and `<category>-d01` (动态). */
export function demoChecklistItems(): ChecklistItem[] {
  return checkpointCategories.flatMap((category) => {
    const counts = { static: 0, dynamic: 0 }
    return checklists[category].map((t) => {
      counts[t.kind] += 1
      const code = `${category}-${t.kind === 'static' ? 's' : 'd'}${String(counts[t.kind]).padStart(2, '0')}`
      return { code, category, ...t }
    })
  })
}
