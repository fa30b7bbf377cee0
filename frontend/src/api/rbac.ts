import { http } from './http'

/** Policy lets a role in a domain call a route (method + route template). */
export interface Policy {
  role: string
  domain: string
  path: string
  method: string
}

export async function listPolicies(): Promise<Policy[]> {
  const { data } = await http.get<{ items: Policy[] }>('/rbac/policies')
  return data.items
}

/** replacePolicies replaces every route permission with items. */
export async function replacePolicies(items: Policy[]): Promise<Policy[]> {
  const { data } = await http.put<{ items: Policy[] }>('/rbac/policies', { items })
  return data.items
}
