import type { Permission } from '@/api/types'

/** RoutePermission names one backend route: method and route template. */
export type RoutePermission = Permission

/** segmentMatches compares one path segment of a grant with a requested one. */
function segmentMatches(granted: string, wanted: string): boolean {
  return granted === wanted || granted.startsWith(':') || granted === '*'
}

/**
 * pathMatches tells whether a granted route template covers the wanted one.
 * Grants are route templates ("/api/v1/users/:id"); a trailing "*" covers
 * everything below its prefix (casbin keyMatch style).
 */
export function pathMatches(granted: string, wanted: string): boolean {
  if (granted === wanted) return true
  if (granted.endsWith('*')) return wanted.startsWith(granted.slice(0, -1))
  const g = granted.split('/')
  const w = wanted.split('/')
  return g.length === w.length && g.every((seg, i) => segmentMatches(seg, w[i]!))
}

/** permits tells whether the permissions allow calling method on path. */
export function permits(permissions: readonly Permission[], method: string, path: string): boolean {
  const m = method.toUpperCase()
  return permissions.some((p) => {
    const pm = p.method.toUpperCase()
    return (pm === m || pm === '*') && pathMatches(p.path, path)
  })
}
