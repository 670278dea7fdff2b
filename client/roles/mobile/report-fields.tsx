// The fields of a phone report below its position: the category quick-pick (most used first), the
// description with the category's common phrases, and the link to the nearest check point.
import type { Dispatch, SetStateAction } from 'react'
import type { IssueCategory } from '../../../server/domain/issue.ts'
import { issueCategoryLabels } from '../../../server/domain/labels-zh.ts'
import { maxDescriptionLength } from '../../features/issues/issue-actions.ts'
import type { NamedPlace } from '../../lib/geo.ts'
import { appendPhrase, commonPhrases, formatDistance } from './field-helpers.ts'
import { FieldSection } from './mobile-sheet.tsx'

export function CategoryPicker(props: {
  categories: readonly IssueCategory[]
  category: IssueCategory | undefined
  onPick: (category: IssueCategory) => void
  disabled: boolean
}) {
  const { categories, category, onPick, disabled } = props
  return (
    <FieldSection label="问题类别">
      <fieldset className="m-choices">
        {categories.map((c) => (
          <button
            key={c}
            type="button"
            className="m-choice"
            aria-pressed={category === c}
            data-category={c}
            disabled={disabled}
            onClick={() => onPick(c)}
          >
            {issueCategoryLabels[c]}
          </button>
        ))}
      </fieldset>
    </FieldSection>
  )
}

export function DescriptionField(props: {
  category: IssueCategory | undefined
  description: string
  onChange: Dispatch<SetStateAction<string>> // a phrase is appended to the latest text
  disabled: boolean
}) {
  const { category, description, onChange, disabled } = props
  return (
    <FieldSection label="问题描述">
      {category && (
        <div className="m-phrases">
          {commonPhrases[category].map((phrase) => (
            <button
              key={phrase}
              type="button"
              className="m-phrase"
              disabled={disabled}
              onClick={() => onChange((d) => appendPhrase(d, phrase))}
            >
              {phrase}
            </button>
          ))}
        </div>
      )}
      <textarea
        name="description"
        className="m-textarea"
        rows={3}
        maxLength={maxDescriptionLength}
        placeholder={category ? '点上方常用语，或写清地点和问题' : '先选问题类别，再写清地点和问题'}
        value={description}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
      />
    </FieldSection>
  )
}

/** Whether the report names the nearest check point (within 300 m), on by default. */
export function CheckpointLink(props: {
  nearest: { place: NamedPlace; meters: number }
  checked: boolean
  onChange: (checked: boolean) => void
  disabled: boolean
}) {
  const { nearest, checked, onChange, disabled } = props
  return (
    <section className="m-section" aria-label="关联测评点位">
      <label className="m-check">
        <input
          type="checkbox"
          checked={checked}
          disabled={disabled}
          onChange={(e) => onChange(e.target.checked)}
        />
        <span>
          关联最近的测评点位：{nearest.place.name}（{formatDistance(nearest.meters)}）
        </span>
      </label>
    </section>
  )
}
