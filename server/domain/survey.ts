// 问卷调查: survey rounds (轮次) with, per township and respondent group, the sample size and how many
// answered yes to 知晓 / 支持 / 满意. Counts are stored, not rates, so every rate has its n. Pure.

export const surveyMeasures = ['awareness', 'support', 'satisfaction'] as const
export type SurveyMeasure = (typeof surveyMeasures)[number]

export const surveyMeasureLabels: Readonly<Record<SurveyMeasure, string>> = {
  awareness: '知晓率',
  support: '支持率',
  satisfaction: '满意率',
}

/** One stratum of a round: a township × a group (市民, 学生, 商户…). */
export interface SurveyCell {
  township: string // 乡镇 name as surveyed
  group: string // 群体
  sampleSize: number // respondents in the stratum
  awareness: number // of them, how many know of the campaign (知晓)
  support: number // support it (支持)
  satisfaction: number // are satisfied (满意)
}

export interface NewSurveyRound {
  name: string
  conductedOn: string // YYYY-MM-DD, last day of fieldwork
  source: string // who surveyed: 自测, 第三方, 上级测评
  cells: SurveyCell[]
}

export interface SurveyRound extends NewSurveyRound {
  id: string // survey-0001
  createdBy: string
  createdAt: string
}

/** The yes count of a measure can never exceed the stratum's respondents. */
export function cellProblems(cell: SurveyCell): string[] {
  const problems: string[] = []
  if (!Number.isInteger(cell.sampleSize) || cell.sampleSize < 1) problems.push('样本量须为正整数')
  for (const m of surveyMeasures) {
    const yes = cell[m]
    if (!Number.isInteger(yes) || yes < 0)
      problems.push(`${surveyMeasureLabels[m]}人数须为非负整数`)
    else if (yes > cell.sampleSize) problems.push(`${surveyMeasureLabels[m]}人数超过样本量`)
  }
  return problems
}
