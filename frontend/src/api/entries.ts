import { http } from './http'
import { dropEmpty } from './query'
import { download } from './download'
import type { ListQuery, Page } from './types'

export type EntryStatus = 'draft' | 'submitted' | 'qualified' | 'disqualified' | 'withdrawn'

export const ENTRY_STATUSES: readonly EntryStatus[] = ['draft', 'submitted', 'qualified', 'disqualified', 'withdrawn']

export interface EntryMember {
  user_id: number
  username: string
  name: string
  role: 'leader' | 'member' | string
  student_no: string
}

export interface EntryAdvisor {
  id: number
  user_id: number | null
  name: string
  organization: string
  title: string
}

/** MaterialCounts is the number of uploaded versions per kind. */
export interface MaterialCounts {
  business_plan: number
  deck: number
  video: number
}

export interface Entry {
  id: number
  competition_id: number
  competition_name: string
  project_id: number
  project_name: string
  track_id: number
  track_name: string
  college_id: number
  college_name: string
  title: string
  summary: string
  status: EntryStatus
  status_reason: string
  submitted_at: string | null
  /** deadline is when the entry locks (registration close or its extension), by the server. */
  deadline: string
  deadline_extended_to: string | null
  /** locked: the team can no longer change the entry (server clock). */
  locked: boolean
  members: EntryMember[]
  advisors: EntryAdvisor[]
  materials: MaterialCounts
  /** allowed_actions: update, submit, withdraw, qualify, disqualify, extend. */
  allowed_actions: string[]
  version: number
  created_at: string
  updated_at: string
}

export interface EntryCounts {
  by_track: { track_id: number; name: string; count: number }[]
  by_college: { college_id: number; name: string; count: number }[]
  by_status: Partial<Record<EntryStatus, number>>
}

/** EntryPage is the entry list; organisers also get counts for the whole competition. */
export interface EntryPage extends Page<Entry> {
  counts?: EntryCounts | null
}

export interface EntryFilter extends ListQuery {
  track_id?: number | null
  college_id?: number | null
  status?: EntryStatus | ''
  q?: string
}

export interface NewEntry {
  project_id: number
  track_id: number
  title: string
  summary: string
  advisor_ids?: number[]
}

export interface EntryUpdate {
  title?: string
  summary?: string
  track_id?: number
  advisor_ids?: number[]
  /** sync_team re-copies the members from the project. */
  sync_team?: boolean
  version: number
}

export async function listEntries(competitionId: number, filter: EntryFilter): Promise<EntryPage> {
  const { data } = await http.get<EntryPage>(`/competitions/${competitionId}/entries`, { params: dropEmpty(filter) })
  return data
}

export async function createEntry(competitionId: number, input: NewEntry): Promise<Entry> {
  const { data } = await http.post<Entry>(`/competitions/${competitionId}/entries`, input)
  return data
}

export async function getEntry(id: number): Promise<Entry> {
  const { data } = await http.get<Entry>(`/entries/${id}`)
  return data
}

export async function updateEntry(id: number, input: EntryUpdate): Promise<Entry> {
  const { data } = await http.patch<Entry>(`/entries/${id}`, input)
  return data
}

async function entryMove(id: number, move: string, body: object = {}): Promise<Entry> {
  const { data } = await http.post<Entry>(`/entries/${id}/${move}`, body)
  return data
}

export function submitEntry(id: number): Promise<Entry> {
  return entryMove(id, 'submit')
}

export function withdrawEntry(id: number): Promise<Entry> {
  return entryMove(id, 'withdraw')
}

export function qualifyEntry(id: number): Promise<Entry> {
  return entryMove(id, 'qualify')
}

export function disqualifyEntry(id: number, reason: string): Promise<Entry> {
  return entryMove(id, 'disqualify', { reason })
}

/** extendEntry (admin) lets one entry be edited until `until` (RFC 3339). */
export function extendEntry(id: number, until: string, reason: string): Promise<Entry> {
  return entryMove(id, 'extension', { until, reason })
}

/** exportEntries downloads the competition's entries as Excel, saved under the server's file name. */
export function exportEntries(competitionId: number, filter: EntryFilter = {}): Promise<string> {
  return download(`/competitions/${competitionId}/entries.xlsx`, `entries-${competitionId}.xlsx`, dropEmpty(filter))
}
