// 整改通知书 / 交办单: one responsible unit, a selection of its issues, each with where it is, what it is,
// the deadline and a link (QR code) to the issue; numbered <prefix>〔2026〕12号 when issued. The content is
// what is stored; notice-document builds the OfficialDocument (with QR codes and photos) from it.
import type { Block, OfficialDocument } from '../documents/official-document.ts'
import type { IssueState } from '../domain/issue.ts'
import { issueCategoryLabels } from '../domain/labels-zh.ts'
import { toChineseDate } from '../domain/period.ts'
import type { Names } from './bulletin.ts'
import { chineseNumber } from './bulletin.ts'
import { noticeNumberText, type SupervisionSettings } from './settings.ts'

export interface NoticeItem {
  issueId: string
  issueNo?: string // 问题编号 shown to people; absent in notices drafted before numbers existed
  category: string // label
  description: string
  location: string // 乡镇 · 网格 <15 位编码> · 最近点位 <名称> · lng, lat
  deadline: string // 2026年11月25日 10:00
  link: string // absolute URL of the issue in the app
  photoId?: string // first photo, embedded when issued
}

export interface NoticeContent {
  kind: 'notice'
  issuerName: string
  prefix: string
  year?: number
  number?: number
  unitCode: string
  unitName: string
  dateText: string
  intro: string
  items: NoticeItem[]
  requirement: string // editable
}

const beijing = (iso: string) => {
  const d = new Date(Date.parse(iso) + 8 * 3_600_000)
  const hh = String(d.getUTCHours()).padStart(2, '0')
  const mm = String(d.getUTCMinutes()).padStart(2, '0')
  return `${toChineseDate(d.toISOString().slice(0, 10))} ${hh}:${mm}`
}

export function noticeContent(
  unit: { code: string; name: string },
  issues: readonly { issue: IssueState; photoId?: string; nearestCheckpoint?: string }[],
  names: Names,
  settings: SupervisionSettings,
  linkOf: (issueId: string) => string,
  today: string,
): NoticeContent {
  return {
    kind: 'notice',
    issuerName: settings.noticeIssuer,
    prefix: settings.noticePrefix,
    unitCode: unit.code,
    unitName: unit.name,
    dateText: toChineseDate(today),
    intro: `经督查，你单位责任范围内存在以下${issues.length}个问题，现交办你单位，请按期整改到位，并在系统中反馈整改情况。`,
    items: issues.map(({ issue, photoId, nearestCheckpoint }) => {
      const p = issue.properties
      const checkpoint = p.checkpointId
        ? (names.checkpoints.get(p.checkpointId) ?? p.checkpointId)
        : nearestCheckpoint
      const location = [
        names.townships.get(p.townshipCode) ?? p.townshipCode,
        `网格 ${p.gridCode}`,
        ...(checkpoint ? [`最近点位 ${checkpoint}`] : []),
        `${issue.lngLat[0].toFixed(6)}, ${issue.lngLat[1].toFixed(6)}`,
      ].join(' · ')
      return {
        issueId: issue.id,
        ...(p.issueNo ? { issueNo: p.issueNo } : {}),
        category: issueCategoryLabels[p.category] ?? p.category,
        description: p.description,
        location,
        deadline: beijing(p.deadlineAt),
        link: linkOf(issue.id),
        ...(photoId ? { photoId } : {}),
      }
    }),
    requirement:
      '请你单位接到本通知后立即组织整改，于整改期限前完成，并将整改前后对比照片在系统中上报；逾期未整改的，将在督查通报中予以通报。',
  }
}

export function noticeNumber(c: NoticeContent): string {
  return c.number === undefined
    ? `${c.prefix}〔　〕　号（草稿）`
    : noticeNumberText(c.prefix, c.year ?? 0, c.number)
}

export interface NoticeImages {
  qr: (link: string) => Promise<Uint8Array> // PNG
  photo: (
    photoId: string,
  ) => Promise<
    { bytes: Uint8Array; format: 'png' | 'jpg'; widthPx: number; heightPx: number } | undefined
  >
}

/** The notice as an official document, with a QR code per problem and its first photo. */
export async function noticeDocument(
  c: NoticeContent,
  images: NoticeImages,
): Promise<OfficialDocument> {
  const blocks: Block[] = [
    { type: 'title', text: '整改通知书' },
    { type: 'paragraph', text: noticeNumber(c), align: 'center', indent: false },
    { type: 'addressee', text: `${c.unitName}：` },
    { type: 'paragraph', text: c.intro },
  ]
  for (const [i, item] of c.items.entries()) {
    blocks.push(
      {
        type: 'heading',
        level: 2,
        text: `（${chineseNumber(i + 1)}）【${item.category}】${item.description}`,
      },
      { type: 'paragraph', text: `问题编号：${item.issueNo ?? item.issueId}` },
      { type: 'paragraph', text: `位置：${item.location}` },
      { type: 'paragraph', text: `整改期限：${item.deadline}` },
      { type: 'paragraph', text: `查看链接：${item.link}` },
    )
    const photo = item.photoId ? await images.photo(item.photoId) : undefined
    if (photo) {
      const widthMm = 60
      blocks.push({
        type: 'image',
        png: photo.bytes,
        format: photo.format,
        widthMm,
        heightMm: Math.min(80, (widthMm * photo.heightPx) / photo.widthPx),
        caption: `现场照片（${item.issueNo ?? item.issueId}）`,
      })
    }
    blocks.push({
      type: 'image',
      png: await images.qr(item.link),
      widthMm: 25,
      heightMm: 25,
      caption: '扫码查看问题',
    })
  }
  blocks.push(
    { type: 'paragraph', text: c.requirement },
    { type: 'paragraph', text: '' },
    { type: 'paragraph', text: c.issuerName, align: 'right', indent: false },
    { type: 'paragraph', text: c.dateText, align: 'right', indent: false },
    { type: 'paragraph', text: '' },
    {
      type: 'table',
      caption: '签收回执',
      columns: ['通知书文号', '签收单位', '签收人', '签收时间'],
      widths: [5, 4, 2, 3],
      rows: [[noticeNumber(c), c.unitName, '', '']],
    },
  )
  return { title: `整改通知书 ${noticeNumber(c)}`, blocks }
}
