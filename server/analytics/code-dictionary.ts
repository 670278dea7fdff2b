// Interned codes (township, unit, grid): each distinct string gets a small integer once, so a column
// stores numbers and an aggregate counts into arrays indexed by them.

export class CodeDictionary {
  /** Code of each index, in first-seen order. */
  readonly codes: string[] = []
  readonly maxSize: number
  private readonly indexes = new Map<string, number>()

  constructor(maxSize: number) {
    this.maxSize = maxSize // the largest count the column's integer type can index
  }

  get size(): number {
    return this.codes.length
  }

  /** The code's index, adding it when new. Throws RangeError past maxSize. */
  intern(code: string): number {
    const known = this.indexes.get(code)
    if (known !== undefined) return known
    if (this.codes.length >= this.maxSize) {
      throw new RangeError(`more than ${this.maxSize} distinct codes`)
    }
    const index = this.codes.length
    this.codes.push(code)
    this.indexes.set(code, index)
    return index
  }

  /** The code's index, or -1 when it was never seen. */
  indexOf(code: string): number {
    return this.indexes.get(code) ?? -1
  }
}
