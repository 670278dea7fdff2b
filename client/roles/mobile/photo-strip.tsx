// Photos taken with the phone's camera (`capture="environment"`), shown as thumbnails with a remove
// button; a second button picks from the album. The files are shrunk only when they are sent.
import { useId } from 'react'
import { maxPhotos } from '../../features/issues/issue-actions.ts'
import { useObjectUrls } from '../../ui/use-object-urls.ts'
import { FieldSection } from './mobile-sheet.tsx'

export interface PhotoStripProps {
  files: File[]
  onChange: (files: File[]) => void
  disabled?: boolean
  label?: string
}

export function PhotoStrip({ files, onChange, disabled, label = '现场照片' }: PhotoStripProps) {
  const cameraId = useId()
  const albumId = useId()
  const previews = useObjectUrls(files)
  const add = (picked: FileList | null) =>
    onChange([...files, ...(picked ? [...picked] : [])].slice(0, maxPhotos))
  const full = files.length >= maxPhotos
  return (
    <FieldSection
      label={label}
      title={
        <>
          {label}
          <span className="m-muted">
            （{files.length}/{maxPhotos} 张）
          </span>
        </>
      }
    >
      {files.length > 0 && (
        <ul className="m-photos">
          {files.map((file, i) => (
            <li key={`${file.name}-${file.size}-${file.lastModified}`}>
              <img src={previews[i]} alt={`照片 ${i + 1}`} />
              <button
                type="button"
                className="m-photos__remove"
                aria-label={`删除照片 ${i + 1}`}
                disabled={disabled}
                onClick={() => onChange(files.filter((f) => f !== file))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="m-row">
        <label
          htmlFor={cameraId}
          className={`m-button m-button--plain${full || disabled ? ' is-disabled' : ''}`}
        >
          拍照
        </label>
        <label
          htmlFor={albumId}
          className={`m-button m-button--plain${full || disabled ? ' is-disabled' : ''}`}
        >
          从相册选
        </label>
      </div>
      <input
        id={cameraId}
        type="file"
        accept="image/*"
        capture="environment"
        disabled={disabled || full}
        className="visually-hidden"
        data-testid="camera-input"
        onChange={(e) => {
          add(e.target.files)
          e.target.value = ''
        }}
      />
      <input
        id={albumId}
        type="file"
        accept="image/*"
        multiple
        disabled={disabled || full}
        className="visually-hidden"
        onChange={(e) => {
          add(e.target.files)
          e.target.value = ''
        }}
      />
    </FieldSection>
  )
}
