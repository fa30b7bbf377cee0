import { http } from './http'
import { dropEmpty } from './query'
import type { ListQuery, Page } from './types'

export interface AuditLog {
  id: number
  actor_id: number | null
  actor_name: string
  action: string
  entity: string
  entity_id: string | number
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
  request_id: string
  ip: string
  created_at: string
  hash: string
}

/** Verification is the result of checking the audit hash chain. */
export interface Verification {
  ok: boolean
  checked: number
  broken_at_id: number | null
}

export interface AuditFilter extends ListQuery {
  actor_id?: number
  entity?: string
  entity_id?: string
  action?: string
  /** from and to are RFC 3339 instants. */
  from?: string
  to?: string
}

export interface AuditPage extends Page<AuditLog> {
  verification?: Verification
}

export async function listAuditLogs(filter: AuditFilter, verify = false): Promise<AuditPage> {
  const params = dropEmpty({ ...filter, verify: verify ? 'true' : undefined })
  const { data } = await http.get<AuditPage>('/audit-logs', { params })
  return data
}
