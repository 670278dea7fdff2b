// What names a person, and the views of data without it (pure). The rules of who may read what are
// in http/personal-data.ts.
import { roleLabels } from './labels-zh.ts'
import type { Role } from './roles.ts'

/** Feature properties that name a person, per collection. */
const personalProperties: Readonly<Record<string, readonly string[]>> = {
  grids: ['manager', 'managerPhone'],
}

/** Whether an anonymous reader sees the collection's features other than as stored. */
export const hasPersonalProperties = (collectionId: string): boolean =>
  Object.hasOwn(personalProperties, collectionId)

/** A stored feature's JSON as an anonymous reader may see it (the same text when nothing is personal). */
export function publicFeatureJson(collectionId: string, json: string): string {
  const hidden = personalProperties[collectionId]
  if (!hidden) return json
  const feature = JSON.parse(json) as { properties?: Record<string, unknown> | null }
  for (const key of hidden) delete feature.properties?.[key]
  return JSON.stringify(feature)
}

/** A grid workspace row without its manager's name and phone. */
export function publicGridRow<
  R extends { managerName: string | null; managerPhone: string | null },
>(row: R): R {
  return { ...row, managerName: null, managerPhone: null }
}

/** An event as an anonymous reader sees it: the actor's role, not their name. */
export function publicEvent<E extends { actor: string; actorName: string; role: string }>(
  event: E,
): E {
  return { ...event, actor: '', actorName: roleLabels[event.role as Role] ?? '工作人员' }
}
