// A place collection's names by code (townships, villages): each screen names places the same way.
import { useMemo } from 'react'

/** Code → name of every feature; a feature without a name maps to ''. */
export function useCodeNames(
  collection: { features: { properties: { code?: unknown; name?: unknown } }[] } | undefined,
): ReadonlyMap<string, string> {
  return useMemo(
    () =>
      new Map(
        (collection?.features ?? []).map((f) => [
          String(f.properties.code),
          String(f.properties.name ?? ''),
        ]),
      ),
    [collection],
  )
}
