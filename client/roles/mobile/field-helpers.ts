// The phone app's decisions, kept pure: category order (most used first), the common phrases of each
// category, 我的任务's order and next step, and how distances and GPS accuracy read in Chinese.

import { distanceMeters } from '../../../server/domain/distance.ts'
import { type IssueCategory, issueCategories } from '../../../server/domain/issue.ts'
import { issueEventLabels } from '../../../server/domain/labels-zh.ts'
import type { IssueView } from '../../features/issues/api.ts'

export type CategoryCounts = Partial<Record<IssueCategory, number>>

/** Every category, the most used first; ties (and unused ones) keep the ledger's order. */
export function rankCategories(counts: CategoryCounts): IssueCategory[] {
  return [...issueCategories].sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0))
}

/** What inspectors write again and again, per category: one tap adds a phrase to the description. */
export const commonPhrases: Readonly<Record<IssueCategory, readonly string[]>> = {
  'street-vending': ['占道经营，影响行人通行', '流动摊贩沿街叫卖', '店外摆摊超出门店范围'],
  'illegal-parking': ['机动车占用人行道停放', '非机动车乱停乱放', '车辆堵塞消防通道'],
  'exposed-garbage': ['垃圾桶满溢未清运', '路边有暴露垃圾', '建筑垃圾随意堆放'],
  graffiti: ['墙面张贴小广告', '电线杆上乱贴乱画', '护栏上有涂鸦'],
  'illegal-construction': ['违规搭建彩钢棚', '占用公共空间私搭乱建', '擅自圈占绿地'],
  'public-ads': ['公益广告缺失', '公益广告破损褪色', '宣传栏内容过期'],
  'facility-damage': ['井盖缺失或破损', '路灯不亮', '人行道板松动破损', '护栏损坏'],
  'dirty-toilet': ['公厕地面不洁、有异味', '洗手设施损坏', '公厕无人保洁'],
  'fumes-noise': ['餐饮油烟直排', '商铺外放音响噪声扰民', '夜间施工噪声'],
  'greenery-damage': ['绿化带被踩踏损毁', '树木被砍伐或折断', '绿地内堆放杂物'],
}

/** The description with the phrase added as a new clause (no duplicate, Chinese punctuation). */
export function appendPhrase(description: string, phrase: string): string {
  const text = description.trim()
  if (!text) return phrase
  if (text.includes(phrase)) return text
  return /[，。；！？,.;!?]$/.test(text) ? `${text}${phrase}` : `${text}，${phrase}`
}

export interface Task {
  issue: IssueView
  nextAction?: string // the first transition the caller may make now, e.g. 'rectify'
  nextLabel: string // what that step is called, or what the issue is waiting for
  distanceMeters?: number // from where the phone is, when it knows
}

const waitingFor: Readonly<Record<string, string>> = {
  pending: '待网格长交办',
  fixing: '整改中',
  reviewing: '已上报整改，待复查',
}

/**
 * 我的任务: the open issues, overdue first, then by deadline (soonest first), ties by id; each with the
 * next step the caller may take (from the server's allowedActions) and its distance from `here`.
 */
export function toTasks(items: readonly IssueView[], here?: [number, number]): Task[] {
  const seen = new Set<string>()
  const open = items.filter((i) => i.status !== 'closed' && !seen.has(i.id) && seen.add(i.id))
  return open
    .sort(
      (a, b) =>
        Number(b.overdue) - Number(a.overdue) ||
        Date.parse(a.deadlineAt) - Date.parse(b.deadlineAt) ||
        (a.id < b.id ? -1 : 1),
    )
    .map((issue) => {
      const nextAction = issue.allowedActions.find((a) => a !== 'note')
      const task: Task = {
        issue,
        nextLabel: nextAction
          ? ((issueEventLabels as Record<string, string>)[nextAction] ?? nextAction)
          : (waitingFor[issue.status] ?? ''),
      }
      if (nextAction) task.nextAction = nextAction
      if (here) task.distanceMeters = distanceMeters(here, issue.lngLat)
      return task
    })
}

/** 「约 35 米」, 「约 1.2 公里」: a phone's fix is never exact. */
export function formatDistance(meters: number): string {
  if (meters < 1000) return `约 ${Math.max(1, Math.round(meters))} 米`
  return `约 ${(meters / 1000).toFixed(meters < 10_000 ? 1 : 0)} 公里`
}

/** GPS accuracy in words: the radius, and whether it is good enough to report without a map. */
export function describeAccuracy(meters: number): { text: string; good: boolean } {
  const good = meters <= 30 // a 50 m duplicate check still means something
  const radius = Math.round(meters)
  return { text: `定位精度 ±${radius} 米${good ? '' : '，偏差较大，建议在地图上调整'}`, good }
}

/** A heading from one point to another, as a compass word (导航提示). */
export function compassWord(from: [number, number], to: [number, number]): string {
  const dLng = (to[0] - from[0]) * Math.cos((from[1] * Math.PI) / 180)
  const dLat = to[1] - from[1]
  const degrees = ((Math.atan2(dLng, dLat) * 180) / Math.PI + 360) % 360
  const words = ['北', '东北', '东', '东南', '南', '西南', '西', '西北']
  return words[Math.round(degrees / 45) % 8] ?? '北'
}
