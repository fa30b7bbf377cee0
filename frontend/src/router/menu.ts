import type { RoutePermission } from '@/access/permission'

/** PERMISSIONS are the routes whose grant shows a page in the menu. */
export const PERMISSIONS = {
  users: { method: 'GET', path: '/api/v1/users' },
  colleges: { method: 'GET', path: '/api/v1/colleges' },
  audit: { method: 'GET', path: '/api/v1/audit-logs' },
  rbac: { method: 'GET', path: '/api/v1/rbac/policies' },
} as const satisfies Record<string, RoutePermission>

export interface MenuItem {
  /** key is also the data-testid suffix: menu-<key>. */
  key: string
  path: string
  titleKey: string
  icon: 'home' | 'user' | 'school' | 'audit' | 'lock' | 'profile'
  /** permission hides the item unless the user holds it; none = always shown. */
  permission?: RoutePermission
}

export const MENU: readonly MenuItem[] = [
  { key: 'home', path: '/', titleKey: 'menu.home', icon: 'home' },
  { key: 'users', path: '/users', titleKey: 'menu.users', icon: 'user', permission: PERMISSIONS.users },
  { key: 'colleges', path: '/colleges', titleKey: 'menu.colleges', icon: 'school', permission: PERMISSIONS.colleges },
  { key: 'audit', path: '/audit-logs', titleKey: 'menu.audit', icon: 'audit', permission: PERMISSIONS.audit },
  { key: 'rbac', path: '/rbac', titleKey: 'menu.rbac', icon: 'lock', permission: PERMISSIONS.rbac },
  { key: 'profile', path: '/profile', titleKey: 'menu.profile', icon: 'profile' },
]

/** visibleMenu keeps the items the user may open. */
export function visibleMenu(
  items: readonly MenuItem[],
  can: (method: string, path: string) => boolean,
): MenuItem[] {
  return items.filter((item) => !item.permission || can(item.permission.method, item.permission.path))
}
