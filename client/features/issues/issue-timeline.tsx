// 办理过程: every event of one issue, oldest first, with who, when, the change and its photos.

import { type OpenPhoto, Thumbnails } from './issue-photos.tsx'
import type { TimelineEntry } from './timeline.ts'

export function IssueTimeline(props: {
  timeline: TimelineEntry[]
  pending: boolean // the detail is still loading
  failed: boolean // the detail did not load
  onOpen: OpenPhoto
}) {
  const { timeline } = props
  return (
    <section aria-label="办理过程" data-testid="timeline">
      <h3 className="issue-panel__heading">办理过程（北京时间）</h3>
      {props.pending ? (
        <p className="muted">正在加载办理记录…</p>
      ) : timeline.length === 0 ? (
        <p className="muted">{props.failed ? '办理记录未能加载。' : '暂无办理记录。'}</p>
      ) : (
        <ol className="timeline">
          {timeline.map((entry) => (
            <TimelineItem key={entry.key} entry={entry} onOpen={props.onOpen} />
          ))}
        </ol>
      )}
    </section>
  )
}

function TimelineItem({ entry, onOpen }: { entry: TimelineEntry; onOpen: OpenPhoto }) {
  return (
    <li className={`timeline__item is-${entry.tone}`} data-event={entry.title}>
      <div className="timeline__head">
        <strong>{entry.title}</strong>
        <time dateTime={entry.atIso}>{entry.at}</time>
      </div>
      <p className="timeline__who">{entry.who}</p>
      {entry.transition && <p className="timeline__transition">{entry.transition}</p>}
      {entry.details.map((d) => (
        <p key={d} className="timeline__detail">
          {d}
        </p>
      ))}
      {entry.note && <p className="timeline__note">{entry.note}</p>}
      {entry.photos.length > 0 && (
        <Thumbnails
          photos={entry.photos}
          caption={`${entry.title} · ${entry.at}`}
          onOpen={onOpen}
        />
      )}
    </li>
  )
}
