// 催办规则 as data: the administrators' rule set (PUT /api/admin/reminder-rules), validated here, and
// the rules in force (the saved set, else the campaign defaults). A rule's id keys the sent-log, so
// ids are unique and stable; a rule whose id is kept keeps its history (it does not fire again).
import { z } from 'zod'
import { issueCategories } from '../domain/issue.ts'
import { defaultReminderRules, type ReminderRule, recipientKinds } from '../domain/reminders.ts'
import type { Store } from '../storage/store.ts'

const maxHours = 24 * 90 // hours: a quarter either side of the deadline

export const reminderRuleSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, '规则编号只能用小写字母、数字和连字符，至多 40 个字符'),
    name: z.string().trim().min(2, '规则名称至少 2 个字').max(40, '规则名称至多 40 个字'),
    hoursFromDeadline: z
      .number()
      .int('须为整数小时')
      .min(-maxHours, `至多提前 ${maxHours} 小时`)
      .max(maxHours, `至多逾期 ${maxHours} 小时`),
    to: z.enum(recipientKinds, '接收人须为 unit、township、office 或 commander'),
    category: z.enum(issueCategories, '未知的问题类别').optional(),
    unitCode: z.string().trim().min(1).max(60).optional(),
  })
  .strict()

export const reminderRulesBody = z
  .object({
    rules: z
      .array(reminderRuleSchema)
      .max(50, '至多 50 条规则')
      .superRefine((rules, ctx) => {
        const seen = new Set<string>()
        rules.forEach((rule, index) => {
          if (seen.has(rule.id)) {
            ctx.addIssue({ code: 'custom', path: [index, 'id'], message: '规则编号重复' })
          }
          seen.add(rule.id)
        })
      }),
  })
  .strict()

const channelId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, '渠道编号只能用小写字母、数字和连字符，至多 40 个字符')
const channelName = z.string().trim().min(2, '渠道名称至少 2 个字').max(40, '渠道名称至多 40 个字')
const unitCodes = z.array(z.string().min(1).max(60)).max(200).optional() // none: every unit

export const webhookChannelSchema = z
  .object({
    id: channelId,
    name: channelName,
    kind: z.enum(['wecom', 'dingtalk', 'json'], '渠道类型须为 wecom、dingtalk、json 或 sms'),
    url: z.url({ protocol: /^https?$/, error: '须为 http(s) 网址' }).max(500),
    secret: z.string().min(1).max(200).optional(),
    format: z.enum(['text', 'markdown'], '消息格式须为 text 或 markdown').optional(),
    unitCodes,
  })
  .strict()

export const smsChannelSchema = z
  .object({
    id: channelId,
    name: channelName,
    kind: z.literal('sms'),
    phones: z
      .array(z.string().regex(/^1\d{10}$/, '手机号须为 11 位数字'))
      .min(1, '至少填写 1 个手机号')
      .max(20, '至多 20 个手机号'),
    unitCodes,
  })
  .strict()

export const channelSchema = z.discriminatedUnion(
  'kind',
  [smsChannelSchema, webhookChannelSchema],
  {
    error: '渠道类型须为 wecom、dingtalk、json 或 sms',
  },
)

export type ReminderChannel = z.infer<typeof channelSchema>

export const channelsBody = z
  .object({ channels: z.array(channelSchema).max(50, '至多 50 个渠道') })
  .strict()

/** The saved channels that still validate (a bad row is skipped, not fatal). */
export async function channelsInForce(store: Store): Promise<ReminderChannel[]> {
  return (await store.reminderChannels()).flatMap((c) => {
    const parsed = channelSchema.safeParse(c)
    return parsed.success ? [parsed.data] : []
  })
}

export interface RulesInForce {
  rules: ReminderRule[]
  source: 'default' | 'saved'
  updatedBy?: string
  updatedAt?: string
}

/** The rules the scheduler applies now. */
export async function rulesInForce(store: Store): Promise<RulesInForce> {
  const saved = await store.reminderRules()
  if (!saved) return { rules: [...defaultReminderRules], source: 'default' }
  return { ...saved, source: 'saved' }
}
