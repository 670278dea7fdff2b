// Counter bump for typed arrays: under noUncheckedIndexedAccess a read is `number | undefined`, and
// `counts[i]!++` trips the linter. V8 inlines the call.

export function increment(counts: Int32Array, index: number): void {
  counts[index] = (counts[index] as number) + 1
}
