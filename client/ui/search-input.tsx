// The text filter of a list or table: a search box whose accessible name is its placeholder unless
// told otherwise; Enter can apply the text at once where typing waits.

export interface SearchInputProps {
  className: string
  placeholder: string
  value: string
  onChange: (text: string) => void
  label?: string // the accessible name, when it is not the placeholder
  maxLength?: number
  onEnter?: () => void
}

export function SearchInput({ label, onChange, onEnter, ...input }: SearchInputProps) {
  return (
    <input
      type="search"
      {...input}
      aria-label={label ?? input.placeholder}
      onChange={(e) => onChange(e.target.value)}
      onKeyDown={
        onEnter &&
        ((e) => {
          if (e.key === 'Enter') onEnter()
        })
      }
    />
  )
}
