import type { Policy } from '@/api/rbac'

/** policyKey identifies a policy row; two rows with one key are duplicates. */
export function policyKey(p: Policy): string {
  return `${p.role}\u0000${p.domain}\u0000${p.method.toUpperCase()}\u0000${p.path}`
}

export interface PolicyGroup {
  role: string
  policies: Policy[]
}

/** groupByRole groups policies by role (roles in the given order first), rows sorted by path then method. */
export function groupByRole(policies: readonly Policy[], roleOrder: readonly string[]): PolicyGroup[] {
  const groups = new Map<string, Policy[]>()
  for (const p of policies) {
    const list = groups.get(p.role) ?? []
    list.push(p)
    groups.set(p.role, list)
  }
  const rank = (role: string) => {
    const i = roleOrder.indexOf(role)
    return i === -1 ? roleOrder.length : i
  }
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([role, list]) => ({
      role,
      policies: [...list].sort(
        (x, y) => x.domain.localeCompare(y.domain) || x.path.localeCompare(y.path) || x.method.localeCompare(y.method),
      ),
    }))
}
