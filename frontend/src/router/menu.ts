import type { RoutePermission } from '@/access/permission'

/** PERMISSIONS are the routes whose grant shows a page in the menu. */
export const PERMISSIONS = {
  users: { method: 'GET', path: '/api/v1/users' },
  colleges: { method: 'GET', path: '/api/v1/colleges' },
  audit: { method: 'GET', path: '/api/v1/audit-logs' },
  rbac: { method: 'GET', path: '/api/v1/rbac/policies' },
  bases: { method: 'GET', path: '/api/v1/bases' },
  base: { method: 'GET', path: '/api/v1/bases/:id' },
  projects: { method: 'GET', path: '/api/v1/projects' },
  project: { method: 'GET', path: '/api/v1/projects/:id' },
  applications: { method: 'GET', path: '/api/v1/residency-applications' },
  application: { method: 'GET', path: '/api/v1/residency-applications/:id' },
  residencies: { method: 'GET', path: '/api/v1/residencies' },
  residency: { method: 'GET', path: '/api/v1/residencies/:id' },
  competitions: { method: 'GET', path: '/api/v1/competitions' },
  competition: { method: 'GET', path: '/api/v1/competitions/:id' },
  entry: { method: 'GET', path: '/api/v1/entries/:id' },
} as const satisfies Record<string, RoutePermission>

export interface MenuItem {
  /** key is also the data-testid suffix: menu-<key>. */
  key: string
  path: string
  titleKey: string
  icon:
    | 'home'
    | 'user'
    | 'school'
    | 'audit'
    | 'lock'
    | 'profile'
    | 'base'
    | 'project'
    | 'application'
    | 'residency'
    | 'competition'
  /** permission hides the item unless the user holds it; none = always shown. */
  permission?: RoutePermission
}

export const MENU: readonly MenuItem[] = [
  { key: 'home', path: '/', titleKey: 'menu.home', icon: 'home' },
  { key: 'projects', path: '/projects', titleKey: 'menu.projects', icon: 'project', permission: PERMISSIONS.projects },
  {
    key: 'applications',
    path: '/residency-applications',
    titleKey: 'menu.applications',
    icon: 'application',
    permission: PERMISSIONS.applications,
  },
  { key: 'residencies', path: '/residencies', titleKey: 'menu.residencies', icon: 'residency', permission: PERMISSIONS.residencies },
  {
    key: 'competitions',
    path: '/competitions',
    titleKey: 'menu.competitions',
    icon: 'competition',
    permission: PERMISSIONS.competitions,
  },
  { key: 'bases', path: '/bases', titleKey: 'menu.bases', icon: 'base', permission: PERMISSIONS.bases },
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
