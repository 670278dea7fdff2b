// A number input's text as a whole number within bounds; empty or garbled text gives the lower bound.

export function wholeNumber(text: string, min: number, max = Number.POSITIVE_INFINITY): number {
  return Math.min(max, Math.max(min, Math.floor(Number(text) || min)))
}
