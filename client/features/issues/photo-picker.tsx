// Choose up to a few photos (JPG/PNG/WebP, ≤ 5 MB each) with previews; checked before upload.
import { useId } from 'react'
import { formatBytes } from '../../lib/format.ts'
import { useObjectUrls } from '../../ui/use-object-urls.ts'
import { maxPhotos, photoProblem } from './issue-actions.ts'

export interface PhotoPickerProps {
  files: File[]
  onChange: (files: File[]) => void
  error?: string
  disabled?: boolean
  label?: string
}

export function PhotoPicker({
  files,
  onChange,
  error,
  disabled,
  label = '现场照片（可选）',
}: PhotoPickerProps) {
  const inputId = useId()
  const previews = useObjectUrls(files)
  return (
    <div className="form-field">
      <span className="form-field__label">{label}</span>
      <div className="photo-picker">
        {files.map((file, i) => (
          <figure
            key={`${file.name}-${file.size}-${file.lastModified}`}
            className="photo-picker__item"
          >
            <img src={previews[i]} alt={file.name} />
            <figcaption title={file.name}>
              {formatBytes(file.size)}
              {photoProblem(file) && <span className="form-error">!</span>}
            </figcaption>
            <button
              type="button"
              className="photo-picker__remove"
              aria-label={`移除 ${file.name}`}
              disabled={disabled}
              onClick={() => onChange(files.filter((f) => f !== file))}
            >
              ×
            </button>
          </figure>
        ))}
        {files.length < maxPhotos && (
          <label htmlFor={inputId} className={`photo-picker__add${disabled ? ' is-disabled' : ''}`}>
            + 添加照片
          </label>
        )}
        <input
          id={inputId}
          type="file"
          accept="image/jpeg,image/png,image/webp"
          multiple
          disabled={disabled}
          className="visually-hidden"
          data-testid="photo-input"
          onChange={(e) => {
            const picked = [...(e.target.files ?? [])]
            e.target.value = ''
            onChange([...files, ...picked].slice(0, maxPhotos))
          }}
        />
      </div>
      <span className="form-field__hint">
        JPG、PNG 或 WebP，每张不超过 5 MB，最多 {maxPhotos} 张
      </span>
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
    </div>
  )
}
