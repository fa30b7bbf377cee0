import { http } from './http'
import { dropEmpty } from './query'
import type { ListQuery, Page } from './types'

export type ApplicationStatus = 'draft' | 'submitted' | 'reviewing' | 'approved' | 'rejected' | 'returned' | 'admitted'
export type ResidencyStatus = 'active' | 'graduated' | 'exited' | 'removed'
export type ExitKind = 'graduated' | 'exited' | 'removed'
export type Cadence = 'monthly' | 'quarterly'
export type ResidencyFlag = 'late' | 'expiring'

export const APPLICATION_STATUSES: readonly ApplicationStatus[] = [
  'draft',
  'submitted',
  'reviewing',
  'approved',
  'rejected',
  'returned',
  'admitted',
]
export const RESIDENCY_STATUSES: readonly ResidencyStatus[] = ['active', 'graduated', 'exited', 'removed']
export const EXIT_KINDS: readonly ExitKind[] = ['graduated', 'exited', 'removed']
export const CADENCES: readonly Cadence[] = ['monthly', 'quarterly']

export interface ApplicationReview {
  reviewer_id: number
  reviewer_name: string
  score: number
  comment: string
  updated_at: string
}

export interface Application {
  id: number
  project_id: number
  project_name: string
  college_id: number
  base_id: number
  base_name: string
  requested_zone_id: number | null
  requested_workstations: number
  plan: string
  status: ApplicationStatus
  submitted_at: string | null
  decided_at: string | null
  decision_note: string
  reviews: ApplicationReview[]
  average_score: number | null
  /** allowed_actions are the moves THIS user may make now (the UI's buttons). */
  allowed_actions: string[]
  version: number
  created_at: string
  updated_at: string
}

export interface ResidencyWorkstation {
  id: number
  code: string
  zone_id: number
  room_id: number
}

export interface ResidencyFlags {
  late_reports: number
  due_reports: number
  expiring_soon: boolean
  max_term_soon: boolean
  max_term_end: string | null
}

/** Graduation is the Torch graduation check computed from the resident's data. */
export interface Graduation {
  high_tech_enterprise: boolean
  funding_over_5m: boolean
  revenue_over_10m_2y: boolean
  acquired_or_listed: boolean
  eligible: boolean
  funding_total_fen: number
  revenue_2y_fen: number
}

export interface Residency {
  id: number
  project_id: number
  project_name: string
  base_id: number
  base_name: string
  application_id: number
  status: ResidencyStatus
  start_on: string
  end_on: string
  report_cadence: Cadence
  free_rent_fen: number
  property_waiver_fen: number
  exit_reason: string
  exited_on: string | null
  workstations: ResidencyWorkstation[]
  flags: ResidencyFlags
  graduation: Graduation
  allowed_actions: string[]
  version: number
  created_at: string
  updated_at: string
}

export interface ProgressReport {
  id: number
  residency_id: number
  period_start: string
  period_end: string
  due_on: string
  status: 'pending' | 'submitted'
  late: boolean
  submitted_at: string | null
  submitted_by: number | null
  revenue_fen: number
  employees: number
  graduates_hired: number
  funding_fen: number
  patents_applied: number
  patents_granted: number
  narrative: string
}

export interface ApplicationFilter extends ListQuery {
  status?: ApplicationStatus | ''
  base_id?: number | null
  project_id?: number | null
}

export interface NewApplication {
  project_id: number
  base_id: number
  requested_zone_id?: number | null
  requested_workstations: number
  plan: string
}

export interface ApplicationUpdate {
  /** requested_zone_id 0 clears the preferred zone. */
  requested_zone_id?: number
  requested_workstations?: number
  plan?: string
  version: number
}

export interface AdmitInput {
  start_on: string
  end_on: string
  report_cadence: Cadence
  free_rent_fen: number
  property_waiver_fen: number
  /** either workstation_ids, or zone_id + count (auto-pick free ones). */
  workstation_ids?: number[]
  zone_id?: number
  count?: number
}

export interface ResidencyFilter extends ListQuery {
  base_id?: number | null
  status?: ResidencyStatus | ''
  project_id?: number | null
  flag?: ResidencyFlag | ''
}

export interface ExitInput {
  kind: ExitKind
  reason: string
  on: string
}

export interface NewReport {
  period_start?: string
  revenue_fen: number
  employees: number
  graduates_hired: number
  funding_fen: number
  patents_applied: number
  patents_granted: number
  narrative: string
}

export async function listApplications(filter: ApplicationFilter): Promise<Page<Application>> {
  const { data } = await http.get<Page<Application>>('/residency-applications', { params: dropEmpty(filter) })
  return data
}

export async function getApplication(id: number): Promise<Application> {
  const { data } = await http.get<Application>(`/residency-applications/${id}`)
  return data
}

export async function createApplication(input: NewApplication): Promise<Application> {
  const { data } = await http.post<Application>('/residency-applications', input)
  return data
}

export async function updateApplication(id: number, input: ApplicationUpdate): Promise<Application> {
  const { data } = await http.patch<Application>(`/residency-applications/${id}`, input)
  return data
}

/** applicationMove posts one workflow move (submit, approve, reject, return) with its body. */
async function applicationMove(id: number, move: string, body: object): Promise<Application> {
  const { data } = await http.post<Application>(`/residency-applications/${id}/${move}`, body)
  return data
}

export function submitApplication(id: number): Promise<Application> {
  return applicationMove(id, 'submit', {})
}

export function reviewApplication(id: number, score: number, comment: string): Promise<Application> {
  return applicationMove(id, 'review', { score, comment })
}

export function approveApplication(id: number, note: string): Promise<Application> {
  return applicationMove(id, 'approve', { note })
}

export function rejectApplication(id: number, note: string): Promise<Application> {
  return applicationMove(id, 'reject', { note })
}

export function returnApplication(id: number, note: string): Promise<Application> {
  return applicationMove(id, 'return', { note })
}

export async function admitApplication(id: number, input: AdmitInput): Promise<unknown> {
  const { data } = await http.post(`/residency-applications/${id}/admit`, input)
  return data
}

export async function listResidencies(filter: ResidencyFilter): Promise<Page<Residency>> {
  const { data } = await http.get<Page<Residency>>('/residencies', { params: dropEmpty(filter) })
  return data
}

export async function getResidency(id: number): Promise<Residency> {
  const { data } = await http.get<Residency>(`/residencies/${id}`)
  return data
}

export async function exitResidency(id: number, input: ExitInput): Promise<Residency> {
  const { data } = await http.post<Residency>(`/residencies/${id}/exit`, input)
  return data
}

export async function listReports(residencyId: number): Promise<ProgressReport[]> {
  const { data } = await http.get<{ items: ProgressReport[] }>(`/residencies/${residencyId}/reports`, {
    params: { page_size: 100, sort: 'period_start' },
  })
  return data.items ?? []
}

export async function fileReport(residencyId: number, input: NewReport): Promise<ProgressReport> {
  const { data } = await http.post<ProgressReport>(`/residencies/${residencyId}/reports`, input)
  return data
}
