// Resolves the :collectionId path parameter against the one collection list, or 404.
import { type CollectionDef, findCollection } from '../../collections.ts'
import { NotFound } from '../../ogc/exception.ts'

export function collectionOr404(collectionId: string): CollectionDef {
  const def = findCollection(collectionId)
  if (!def) throw new NotFound(`没有这个图层：${JSON.stringify(collectionId.slice(0, 100))}`)
  return def
}
