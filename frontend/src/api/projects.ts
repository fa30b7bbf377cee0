import { http } from './http'
import { dropEmpty } from './query'
import type { ListQuery, Page } from './types'

export type Stage = 'idea' | 'prototype' | 'company'
export type MemberRole = 'leader' | 'member'
export type IPKind = 'invention_patent' | 'utility_model' | 'design_patent' | 'software_copyright' | 'trademark'
export type IPStatus = 'applied' | 'granted'

export const STAGES: readonly Stage[] = ['idea', 'prototype', 'company']
export const IP_KINDS: readonly IPKind[] = [
  'invention_patent',
  'utility_model',
  'design_patent',
  'software_copyright',
  'trademark',
]
/** FIELDS are the usual fields (领域); the server accepts any text. */
export const FIELDS = ['新材料', '智能制造', '文创', '生物科技', '电子信息', '食品'] as const

export interface ProjectMember {
  user_id: number
  username: string
  name: string
  role: MemberRole
  student_no: string
  major: string
  graduation_year: number | null
}

export interface Advisor {
  id: number
  user_id: number | null
  name: string
  organization: string
  title: string
  email: string
  phone: string
  external: boolean
}

export interface Project {
  id: number
  name: string
  field: string
  college_id: number
  college_name: string
  stage: Stage
  description: string
  company_name: string
  credit_code: string | null
  registered_on: string | null
  company_region: string
  high_tech_enterprise: boolean
  acquired_or_listed: boolean
  leader_id: number | null
  leader_name: string
  member_count: number
  /** members and advisors come with GET /projects/:id (lists may omit them). */
  members?: ProjectMember[]
  advisors?: Advisor[]
  funding_total_fen: number
  ip: { applied: number; granted: number }
  created_by: number
  version: number
  created_at: string
  updated_at: string
}

export interface IPRecord {
  id: number
  project_id: number
  kind: IPKind | string
  title: string
  number: string
  status: IPStatus
  applied_on: string | null
  granted_on: string | null
  created_at: string
}

export interface FundingEvent {
  id: number
  project_id: number
  on: string
  round: string
  investor: string
  amount_fen: number
  created_at: string
}

export interface ProjectFilter extends ListQuery {
  q?: string
  college_id?: number | null
  field?: string
  stage?: Stage | ''
  mine?: boolean | string
  base_id?: number | null
}

export interface NewProject {
  name: string
  field: string
  stage?: Stage
  description?: string
}

/** ProjectUpdate changes the given fields; version is the optimistic lock. */
export interface ProjectUpdate {
  name?: string
  field?: string
  stage?: Stage
  description?: string
  company_name?: string
  credit_code?: string
  registered_on?: string | null
  company_region?: string
  high_tech_enterprise?: boolean
  acquired_or_listed?: boolean
  version: number
}

export interface NewMember {
  username?: string
  user_id?: number
  role: MemberRole
}

export interface NewAdvisor {
  user_id?: number
  name?: string
  organization?: string
  title?: string
  email?: string
  phone?: string
  external: boolean
}

export interface NewIPRecord {
  kind: string
  title: string
  number?: string
  status: IPStatus
  applied_on: string
  granted_on?: string | null
}

export interface NewFundingEvent {
  on: string
  round?: string
  investor?: string
  amount_fen: number
}

export async function listProjects(filter: ProjectFilter): Promise<Page<Project>> {
  const params = dropEmpty({ ...filter, mine: filter.mine ? 'true' : undefined })
  const { data } = await http.get<Page<Project>>('/projects', { params })
  return data
}

export async function getProject(id: number): Promise<Project> {
  const { data } = await http.get<Project>(`/projects/${id}`)
  return data
}

export async function createProject(input: NewProject): Promise<Project> {
  const { data } = await http.post<Project>('/projects', input)
  return data
}

export async function updateProject(id: number, input: ProjectUpdate): Promise<Project> {
  const { data } = await http.patch<Project>(`/projects/${id}`, input)
  return data
}

export async function addMember(projectId: number, input: NewMember): Promise<unknown> {
  const { data } = await http.post(`/projects/${projectId}/members`, input)
  return data
}

export async function removeMember(projectId: number, userId: number): Promise<void> {
  await http.delete(`/projects/${projectId}/members/${userId}`)
}

export async function addAdvisor(projectId: number, input: NewAdvisor): Promise<Advisor> {
  const { data } = await http.post<Advisor>(`/projects/${projectId}/advisors`, input)
  return data
}

export async function listIPRecords(projectId: number): Promise<IPRecord[]> {
  const { data } = await http.get<{ items: IPRecord[] }>(`/projects/${projectId}/ip-records`, {
    params: { page_size: 100, sort: '-applied_on' },
  })
  return data.items ?? []
}

export async function createIPRecord(projectId: number, input: NewIPRecord): Promise<IPRecord> {
  const { data } = await http.post<IPRecord>(`/projects/${projectId}/ip-records`, input)
  return data
}

export async function listFundingEvents(projectId: number): Promise<FundingEvent[]> {
  const { data } = await http.get<{ items: FundingEvent[] }>(`/projects/${projectId}/funding-events`, {
    params: { page_size: 100, sort: '-on' },
  })
  return data.items ?? []
}

export async function createFundingEvent(projectId: number, input: NewFundingEvent): Promise<FundingEvent> {
  const { data } = await http.post<FundingEvent>(`/projects/${projectId}/funding-events`, input)
  return data
}
