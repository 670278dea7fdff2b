// The OGC API is read-only: other methods on its paths get 405 with an Allow header. (OPTIONS never
// gets here: Express's router answers it with the methods the path has.)
import type { RequestHandler } from 'express'
import { MethodNotAllowed } from '../ogc/exception.ts'

export const apiPaths = [
  '/',
  '/api',
  '/conformance',
  '/collections',
  '/collections/:collectionId',
  '/collections/:collectionId/items',
  '/collections/:collectionId/items/:featureId',
  '/collections/:collectionId/queryables',
  '/collections/:collectionId/schema',
]

export const methodNotAllowed: RequestHandler = (req, res) => {
  res.setHeader('Allow', 'GET, HEAD')
  throw new MethodNotAllowed(req.method)
}
