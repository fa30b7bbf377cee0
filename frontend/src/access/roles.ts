import type { RoleBinding } from '@/api/types'

type Translate = (key: string, named?: Record<string, unknown>) => string

/** roleLabel translates a role name; unknown roles are shown as they are. */
export function roleLabel(t: Translate, role: string, te: (key: string) => boolean): string {
  const key = `roles.${role}`
  return te(key) ? t(key) : role
}

/** domainLabel shows "*" as global and "base:<id>" as a base. */
export function domainLabel(t: Translate, domain: string): string {
  if (domain === '*' || domain === '') return t('domain.global')
  const base = /^base:(.+)$/.exec(domain)
  if (base) return t('domain.base', { id: base[1] })
  return domain
}

/** bindingLabel reads "基地管理员 · 基地 #1". */
export function bindingLabel(t: Translate, te: (key: string) => boolean, b: RoleBinding): string {
  return `${roleLabel(t, b.role, te)} · ${domainLabel(t, b.domain)}`
}

/** hasRole tells whether the bindings hold role in any domain. */
export function hasRole(roles: readonly RoleBinding[], role: string): boolean {
  return roles.some((r) => r.role === role)
}

/**
 * managesBase tells whether the bindings make the user a manager of the base:
 * a global admin, or base_manager in domain "base:<id>". It only hides buttons;
 * the server decides.
 */
export function managesBase(roles: readonly RoleBinding[], baseId: number): boolean {
  return roles.some(
    (r) => (r.role === 'admin' && (r.domain === '*' || r.domain === '')) ||
      (r.role === 'base_manager' && (r.domain === `base:${baseId}` || r.domain === '*')),
  )
}

/**
 * managesCompetition tells whether the bindings make the user an organiser
 * of a competition: an admin, or for a base's competition a manager of that
 * base. It only shapes the UI; the server decides.
 */
export function managesCompetition(roles: readonly RoleBinding[], baseId: number | null | undefined): boolean {
  if (roles.some((r) => r.role === 'admin' && (r.domain === '*' || r.domain === ''))) return true
  return baseId !== null && baseId !== undefined && managesBase(roles, baseId)
}
