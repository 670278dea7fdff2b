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

// [测评标准, method, weight, 牵头, 负责, 配合, 一票否决]; units as space-separated codes
type StandardRow = [string, AssessmentMethod, number, string, string, string, boolean?]
type ContentRow = [string, StandardRow[]]
type ItemRow = [string, ContentRow[]]

const T = allTownshipsUnit

const template: ItemRow[] = [
  [
    '思想理论建设',
    [
      [
        '理论学习',
        [
          [
            '党委（党组）理论学习中心组学习制度健全，学习记录完整',
            'materials',
            3,
            'civilization-office',
            'civilization-office',
            T,
          ],
          [
            '基层宣讲活动常态开展，有计划、有记录、有图片',
            'materials',
            2,
            'civilization-office',
            T,
            'culture-tourism',
          ],
        ],
      ],
      [
        '宣传阵地',
        [
          [
            '新时代文明实践中心（所、站）阵地建设规范，有标识、有制度',
            'field',
            3,
            'civilization-office',
            T,
            'culture-tourism',
          ],
          ['实践活动每月开展，台账完整', 'materials', 3, 'civilization-office', T, ''],
        ],
      ],
    ],
  ],
  [
    '社会主义核心价值观',
    [
      [
        '公益广告',
        [
          [
            '主次干道、公园广场公益广告数量充足、设置规范、画面完好',
            'field',
            4,
            'civilization-office',
            'urban-management',
            'housing',
          ],
          [
            '车站、窗口单位电子屏滚动播放公益广告',
            'field',
            2,
            'civilization-office',
            'transport',
            'culture-tourism',
          ],
        ],
      ],
      [
        '道德模范与身边好人',
        [
          [
            '道德模范、身边好人评选表彰有文件、有名单',
            'materials',
            2,
            'civilization-office',
            'civilization-office',
            '',
          ],
          ['好人榜、善行义举榜设置规范，内容及时更新', 'field', 2, 'civilization-office', T, ''],
        ],
      ],
      [
        '核心价值观融入',
        [
          ['市民公约、村规民约修订完善并公示', 'materials', 2, 'civilization-office', T, ''],
          [
            '群众对社会主义核心价值观的知晓情况',
            'survey',
            2,
            'civilization-office',
            'civilization-office',
            T,
          ],
        ],
      ],
    ],
  ],
  [
    '公共文明秩序',
    [
      [
        '交通秩序',
        [
          [
            '机动车礼让斑马线，行人、非机动车遵守信号灯',
            'field',
            4,
            'traffic-police',
            'traffic-police',
            'urban-management',
          ],
          [
            '车辆停放有序，无乱停乱放',
            'field',
            4,
            'traffic-police',
            'traffic-police',
            'urban-management',
          ],
        ],
      ],
      [
        '市场秩序',
        [
          [
            '农贸市场划行归市，无占道经营、店外经营',
            'field',
            4,
            'market-regulation',
            'market-regulation',
            'urban-management',
          ],
          [
            '市场公平秤、食品安全公示设置齐全',
            'field',
            2,
            'market-regulation',
            'market-regulation',
            '',
          ],
        ],
      ],
      [
        '公共场所秩序',
        [
          [
            '公共场所无乱扔乱吐、无不文明行为',
            'field',
            3,
            'urban-management',
            'urban-management',
            T,
          ],
          [
            '车站、窗口单位排队有序，有文明引导员',
            'field',
            2,
            'transport',
            'transport',
            'civilization-office',
          ],
        ],
      ],
    ],
  ],
  [
    '市容环境卫生',
    [
      [
        '街面环境',
        [
          [
            '主次干道、背街小巷干净整洁，无卫生死角',
            'field',
            5,
            'urban-management',
            'urban-management',
            T,
          ],
          [
            '沿街立面整洁，无乱贴乱画、乱搭乱建',
            'field',
            3,
            'urban-management',
            'urban-management',
            'housing',
          ],
        ],
      ],
      [
        '垃圾分类',
        [
          [
            '垃圾分类设施配置齐全、标识清楚、定时清运',
            'field',
            3,
            'urban-management',
            'urban-management',
            T,
          ],
          [
            '垃圾分类宣传和督导记录完整',
            'materials',
            2,
            'urban-management',
            'urban-management',
            '',
          ],
        ],
      ],
      [
        '小区与城中村',
        [
          ['居民小区环境整洁，物业管理规范', 'field', 3, 'housing', 'housing', T],
          [
            '城中村、城郊结合部无垃圾堆积、无污水横流',
            'field',
            3,
            'housing',
            T,
            'urban-management',
          ],
        ],
      ],
    ],
  ],
  [
    '公共服务设施',
    [
      [
        '无障碍设施',
        [
          [
            '盲道连续畅通，无障碍坡道、卫生间设置规范',
            'field',
            3,
            'housing',
            'housing',
            'urban-management',
          ],
          ['无障碍设施建设和维护台账', 'materials', 1, 'housing', 'housing', ''],
        ],
      ],
      [
        '公共厕所',
        [
          [
            '公共厕所数量达标、干净无异味、标识清楚',
            'field',
            3,
            'urban-management',
            'urban-management',
            '',
          ],
          [
            '公共厕所保洁管理制度和巡查记录',
            'materials',
            1,
            'urban-management',
            'urban-management',
            '',
          ],
        ],
      ],
      [
        '文化体育设施',
        [
          [
            '公共文化场馆免费开放，开放时间公示',
            'field',
            2,
            'culture-tourism',
            'culture-tourism',
            '',
          ],
          ['全民健身设施完好可用', 'field', 2, 'education', 'education', T],
        ],
      ],
    ],
  ],
  [
    '窗口行业服务',
    [
      [
        '政务服务',
        [
          [
            '政务服务中心一次办好、服务规范，有评价器',
            'field',
            2,
            'civilization-office',
            'civilization-office',
            '',
          ],
          [
            '窗口单位服务承诺、投诉电话公示',
            'field',
            2,
            'civilization-office',
            'transport',
            'health',
          ],
        ],
      ],
      [
        '医疗服务',
        [
          ['医院就诊秩序良好，便民服务设施齐全', 'field', 2, 'health', 'health', ''],
          ['医德医风建设和患者满意度调查材料', 'materials', 2, 'health', 'health', ''],
        ],
      ],
    ],
  ],
  [
    '诚信建设与法治环境',
    [
      [
        '诚信建设',
        [
          [
            '社会信用体系建设制度和信用信息公示材料',
            'materials',
            3,
            'market-regulation',
            'market-regulation',
            '',
          ],
          ['失信联合惩戒工作台账', 'materials', 2, 'market-regulation', 'market-regulation', ''],
        ],
      ],
      [
        '法治环境',
        [
          [
            '普法宣传教育活动有计划、有总结',
            'materials',
            2,
            'civilization-office',
            'civilization-office',
            T,
          ],
          [
            '年度内未发生重大安全生产责任事故',
            'materials',
            2,
            'civilization-office',
            T,
            'housing',
            true,
          ],
        ],
      ],
    ],
  ],
  [
    '未成年人思想道德建设',
    [
      [
        '学校德育',
        [
          ['中小学德育工作有方案、有记录、有成效', 'materials', 4, 'education', 'education', ''],
          [
            '学校周边无网吧、无游戏厅、无流动摊点',
            'field',
            3,
            'education',
            'education',
            'market-regulation',
          ],
        ],
      ],
      [
        '校外教育',
        [
          ['乡村学校少年宫、校外活动场所常态开放', 'materials', 3, 'education', 'education', T],
          [
            '未成年人思想道德建设测评不低于规定分数',
            'materials',
            2,
            'education',
            'education',
            'civilization-office',
            true,
          ],
        ],
      ],
    ],
  ],
  [
    '志愿服务与文明实践',
    [
      [
        '志愿服务',
        [
          [
            '注册志愿者占常住人口比例达到要求，服务时长有记录',
            'materials',
            3,
            'civilization-office',
            'civilization-office',
            T,
          ],
          ['志愿服务站点设置规范，有人值守', 'field', 2, 'civilization-office', T, ''],
        ],
      ],
      [
        '学雷锋活动',
        [
          ['学雷锋志愿服务活动常态开展，有图片资料', 'materials', 2, 'civilization-office', T, ''],
          ['关爱特殊群体志愿服务项目台账', 'materials', 2, 'civilization-office', 'health', T],
        ],
      ],
    ],
  ],
  [
    '文化惠民与文明风尚',
    [
      [
        '文化惠民',
        [
          [
            '文化惠民演出、送戏下乡场次达标',
            'materials',
            2,
            'culture-tourism',
            'culture-tourism',
            T,
          ],
          [
            '景区文明旅游提示、游客服务中心规范',
            'field',
            2,
            'culture-tourism',
            'culture-tourism',
            '',
          ],
        ],
      ],
      [
        '移风易俗',
        [
          ['红白理事会章程健全，婚丧事宜简办', 'materials', 2, 'civilization-office', T, ''],
          ['文明餐桌、光盘行动提示到位', 'field', 1, 'market-regulation', 'market-regulation', ''],
        ],
      ],
      [
        '文明家庭与文明单位',
        [
          [
            '文明家庭、文明单位评选有文件、有动态管理',
            'materials',
            2,
            'civilization-office',
            'civilization-office',
            T,
          ],
          [
            '文明单位结对共建活动记录',
            'materials',
            1,
            'civilization-office',
            'civilization-office',
            '',
          ],
        ],
      ],
    ],
  ],
  [
    '生态环境与宜居',
    [
      [
        '生态环境',
        [
          [
            '建筑工地围挡规范、出入车辆冲洗、无扬尘',
            'field',
            3,
            'housing',
            'housing',
            'urban-management',
          ],
          ['空气质量、水环境质量达到年度目标', 'materials', 3, 'housing', 'housing', ''],
        ],
      ],
      [
        '园林绿化',
        [
          ['公园广场绿化养护到位，设施完好', 'field', 2, 'housing', 'housing', 'urban-management'],
          ['绿化建设年度计划和完成情况材料', 'materials', 1, 'housing', 'housing', ''],
        ],
      ],
    ],
  ],
  [
    '群众评价与部门评价',
    [
      [
        '群众评价',
        [
          [
            '群众对文明创建工作的知晓率',
            'survey',
            3,
            'civilization-office',
            'civilization-office',
            T,
          ],
          [
            '群众对文明创建工作的支持率',
            'survey',
            3,
            'civilization-office',
            'civilization-office',
            T,
          ],
          [
            '群众对文明创建工作的满意率',
            'survey',
            4,
            'civilization-office',
            'civilization-office',
            T,
          ],
        ],
      ],
      [
        '上级主管部门意见',
        [
          [
            '上级文明委成员单位对本地创建工作的评价',
            'departments',
            5,
            'civilization-office',
            'civilization-office',
            '',
          ],
          [
            '上级主管部门对本地行业文明建设的评价',
            'departments',
            4,
            'civilization-office',
            'civilization-office',
            'health',
          ],
          [
            '年度内未发生严重违法违纪和负面舆情事件',
            'departments',
            1,
            'civilization-office',
            T,
            '',
            true,
          ],
        ],
      ],
      [
        '创建组织',
        [
          [
            '创建工作领导机构健全，工作方案、责任分工明确',
            'materials',
            2,
            'civilization-office',
            'civilization-office',
            '',
          ],
          [
            '创建经费纳入财政预算，督查问责机制健全',
            'materials',
            2,
            'civilization-office',
            'civilization-office',
            T,
          ],
        ],
      ],
    ],
  ],
]

const units = (list: string) => (list ? list.split(' ') : [])

/**
 * The 示意 system for `year`, its points scaled from the template weights so each method sums to the
 * given share (rounded to 0.1; the rounding remainder goes to the method's heaviest 标准).
 */
export function demoAssessmentSystem(
  year: number,
  shares: Shares,
  source: string,
): AssessmentSystem {
  const rows = template.flatMap(([, contents]) => contents.flatMap(([, standards]) => standards))
  const points = new Map<StandardRow, number>()
  for (const method of assessmentMethods) {
    const ofMethod = rows.filter((r) => r[1] === method)
    const weight = ofMethod.reduce((sum, r) => sum + r[2], 0)
    let given = 0
    for (const r of ofMethod) {
      const p = round1((shares[method] * r[2]) / weight)
      points.set(r, p)
      given += p
    }
    const heaviest = ofMethod.reduce((a, b) => (b[2] > a[2] ? b : a), ofMethod[0] as StandardRow)
    if (heaviest) points.set(heaviest, round1((points.get(heaviest) ?? 0) + shares[method] - given))
  }
  const pad = (n: number) => String(n + 1).padStart(2, '0')
  const items: AssessmentItem[] = template.map(([name, contents], i) => ({
    code: pad(i),
    name,
    contents: contents.map(([contentName, standards], j) => ({
      code: `${pad(i)}-${pad(j)}`,
      name: contentName,
      standards: standards.map((row, k) => ({
        code: `${pad(i)}-${pad(j)}-${pad(k)}`,
        text: row[0],
        method: row[1],
        points: points.get(row) ?? 0,
        veto: row[6] === true,
        leadUnits: units(row[3]),
        responsibleUnits: units(row[4]),
        supportUnits: units(row[5]),
      })),
    })),
  }))
  return {
    year,
    name: `${year}年度文明城市测评体系（示意）`,
    source: `示意数据，按${source}的分值比例编排，非官方文本；正式使用请导入本地测评体系 Excel`,
    illustrative: true,
    items,
  }
}
