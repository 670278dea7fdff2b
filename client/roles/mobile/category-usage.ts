// How often this phone reported each category, kept in localStorage, so the quick-pick shows the
// most used first. Per device on purpose: a 督导员 on food streets and one on building sites differ.
import type { CategoryCounts } from './field-helpers.ts'

const storageKey = 'weishan.mobile.categoryCounts'

export function readCategoryCounts(): CategoryCounts {
  try {
    const parsed = JSON.parse(localStorage.getItem(storageKey) ?? '{}') as unknown
    return typeof parsed === 'object' && parsed !== null ? (parsed as CategoryCounts) : {}
  } catch {
    return {} // private mode or a broken value: no ranking, no harm
  }
}

export function countCategoryUse(category: keyof CategoryCounts): void {
  const counts = readCategoryCounts()
  counts[category] = (counts[category] ?? 0) + 1
  try {
    localStorage.setItem(storageKey, JSON.stringify(counts))
  } catch {
    // storage full or blocked: the order just does not learn
  }
}
