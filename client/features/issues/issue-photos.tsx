// The photos of one issue's detail panel: thumbnails that open the viewer, the 整改前后对比 of
// the last rectification, and the 照片 section for the rest.
import { apiUrl } from '../../lib/api-client.ts'
import type { Attachment } from './api.ts'

export type OpenPhoto = (a: Attachment, caption: string) => void

export function Thumbnails(props: { photos: Attachment[]; caption: string; onOpen: OpenPhoto }) {
  return (
    <ul className="thumbnails">
      {props.photos.map((a, i) => (
        <li key={a.id}>
          <button
            type="button"
            className="thumbnails__button"
            onClick={() => props.onOpen(a, props.caption)}
            aria-label={`查看照片 ${i + 1}`}
          >
            <img src={apiUrl(a.url)} alt={`${props.caption} 照片 ${i + 1}`} loading="lazy" />
          </button>
        </li>
      ))}
    </ul>
  )
}

/** 整改前后对比, when the last rectification has photos on either side. */
export function BeforeAfter(props: {
  compared: { before: Attachment[]; after: Attachment[] } | undefined
  onOpen: OpenPhoto
}) {
  const { compared } = props
  if (!compared || (compared.before.length === 0 && compared.after.length === 0)) return null
  return (
    <section aria-label="整改前后对比" data-testid="before-after">
      <h3 className="issue-panel__heading">整改前后对比</h3>
      <div className="before-after">
        {(
          [
            ['整改前', compared.before],
            ['整改后', compared.after],
          ] as const
        ).map(([caption, photos]) => (
          <div key={caption}>
            <p className="before-after__label">{caption}</p>
            {photos.length ? (
              <Thumbnails photos={photos} caption={caption} onOpen={props.onOpen} />
            ) : (
              <p className="before-after__none">无照片</p>
            )}
          </div>
        ))}
      </div>
    </section>
  )
}

export function PhotoGallery({ photos, onOpen }: { photos: Attachment[]; onOpen: OpenPhoto }) {
  if (photos.length === 0) return null
  return (
    <section aria-label="照片">
      <h3 className="issue-panel__heading">照片</h3>
      <Thumbnails photos={photos} caption="现场照片" onOpen={onOpen} />
    </section>
  )
}
