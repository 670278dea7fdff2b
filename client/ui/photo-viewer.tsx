// A full-size photo over the page; Esc, the close button or a click on the backdrop closes it.
import { useEscape } from '../lib/use-escape.ts'

export interface PhotoViewerProps {
  src: string
  caption?: string
  onClose: () => void
}

export function PhotoViewer({ src, caption, onClose }: PhotoViewerProps) {
  useEscape(onClose)
  return (
    <div
      className="photo-viewer"
      role="dialog"
      aria-modal="true"
      aria-label="查看照片"
      data-testid="photo-viewer"
    >
      <button
        type="button"
        className="photo-viewer__backdrop"
        aria-label="关闭照片"
        onClick={onClose}
      />
      <figure>
        <img src={src} alt={caption ?? '现场照片'} />
        <figcaption>
          {caption}
          <a href={src} target="_blank" rel="noreferrer">
            在新窗口打开原图
          </a>
          <button type="button" className="text-button" onClick={onClose}>
            关闭
          </button>
        </figcaption>
      </figure>
    </div>
  )
}
