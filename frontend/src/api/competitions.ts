import { http } from './http'
import { dropEmpty, itemsOf, type Items } from './query'
import type { ListQuery, Page } from './types'

export type CompetitionStatus = 'draft' | 'open' | 'registration_closed' | 'finished' | 'results_published'
export type RoundKind = 'online_review' | 'roadshow'
export type Aggregation = 'mean' | 'trimmed' | 'zscore'

export const COMPETITION_STATUSES: readonly CompetitionStatus[] = [
  'draft',
  'open',
  'registration_closed',
  'finished',
  'results_published',
]
export const ROUND_KINDS: readonly RoundKind[] = ['online_review', 'roadshow']
export const AGGREGATIONS: readonly Aggregation[] = ['mean', 'trimmed', 'zscore']

export interface Competition {
  id: number
  name: string
  edition: number
  year: number
  organiser: string
  base_id: number | null
  base_name: string
  description: string
  registration_opens_at: string
  registration_closes_at: string
  status: CompetitionStatus
  min_team_size: number
  max_team_size: number
  max_advisors: number
  track_count: number
  round_count: number
  entry_count: number
  /** registration_open: status open and now within the window, by the server clock. */
  registration_open: boolean
  /** allowed_actions are the moves THIS user may make now (update, open, close_registration, finish). */
  allowed_actions: string[]
  version: number
  created_at: string
  updated_at: string
}

export interface Track {
  id: number
  competition_id: number
  name: string
  description: string
  sort_order: number
}

export interface Round {
  id: number
  competition_id: number
  sort_order: number
  name: string
  kind: RoundKind
  scoring_opens_at: string | null
  scoring_closes_at: string | null
  judges_per_entry: number
  aggregation: Aggregation
  blind: boolean
  advance_top_n: number
  advance_college_cap: number
  /** advance_min_score is a score threshold with up to 2 decimals, null for none. */
  advance_min_score: number | null
  status: string
  judge_count: number
  version: number
}

/** Judge is a user with the judge role and their profile (pool members and candidates). */
export interface Judge {
  id: number
  username: string
  name: string
  title: string
  expertise: string[]
  college_id: number | null
  college_name: string
}

/** PublicCompetition is one row of the public listing (no personal data). */
export interface PublicCompetition {
  id: number
  name: string
  edition: number
  year: number
  organiser: string
  status: CompetitionStatus
  registration_opens_at: string
  registration_closes_at: string
  tracks: { id: number; name: string }[]
  entry_count: number
}

export interface CompetitionFilter extends ListQuery {
  status?: CompetitionStatus | ''
  year?: number | null
  q?: string
}

export interface CompetitionInput {
  name: string
  edition: number
  year: number
  organiser: string
  base_id?: number | null
  description: string
  registration_opens_at: string
  registration_closes_at: string
  min_team_size: number
  max_team_size: number
  max_advisors: number
}

/** CompetitionUpdate changes the given fields; version is the optimistic lock. */
export type CompetitionUpdate = Partial<Omit<CompetitionInput, 'base_id'>> & { version: number }

export interface TrackInput {
  name: string
  description: string
  sort_order: number
}

export interface RoundInput {
  name: string
  sort_order: number
  kind: RoundKind
  scoring_opens_at: string | null
  scoring_closes_at: string | null
  judges_per_entry: number
  aggregation: Aggregation
  blind: boolean
  advance_top_n: number
  advance_college_cap: number
  advance_min_score: number | null
}

export type RoundUpdate = Partial<RoundInput> & { version: number }

export interface JudgeFilter {
  q?: string
  expertise?: string
  college_id?: number | null
  page?: number
  page_size?: number
}

export async function listCompetitions(filter: CompetitionFilter): Promise<Page<Competition>> {
  const { data } = await http.get<Page<Competition>>('/competitions', { params: dropEmpty(filter) })
  return data
}

export async function getCompetition(id: number): Promise<Competition> {
  const { data } = await http.get<Competition>(`/competitions/${id}`)
  return data
}

export async function createCompetition(input: CompetitionInput): Promise<Competition> {
  const { data } = await http.post<Competition>('/competitions', input)
  return data
}

export async function updateCompetition(id: number, input: CompetitionUpdate): Promise<Competition> {
  const { data } = await http.patch<Competition>(`/competitions/${id}`, input)
  return data
}

/** CompetitionMove is a workflow move of a competition; the action name of allowed_actions. */
export type CompetitionMove = 'open' | 'close_registration' | 'finish'

const MOVE_PATHS: Record<CompetitionMove, string> = {
  open: 'open',
  close_registration: 'close-registration',
  finish: 'finish',
}

export async function moveCompetition(id: number, move: CompetitionMove): Promise<Competition> {
  const { data } = await http.post<Competition>(`/competitions/${id}/${MOVE_PATHS[move]}`, {})
  return data
}

export async function listTracks(competitionId: number): Promise<Track[]> {
  const { data } = await http.get<Items<Track>>(`/competitions/${competitionId}/tracks`, {
    params: { page_size: 100 },
  })
  return itemsOf(data)
}

export async function createTrack(competitionId: number, input: TrackInput): Promise<Track> {
  const { data } = await http.post<Track>(`/competitions/${competitionId}/tracks`, input)
  return data
}

export async function updateTrack(id: number, input: Partial<TrackInput>): Promise<Track> {
  const { data } = await http.patch<Track>(`/tracks/${id}`, input)
  return data
}

export async function listRounds(competitionId: number): Promise<Round[]> {
  const { data } = await http.get<Items<Round>>(`/competitions/${competitionId}/rounds`, {
    params: { page_size: 100 },
  })
  return itemsOf(data)
}

export async function createRound(competitionId: number, input: RoundInput): Promise<Round> {
  const { data } = await http.post<Round>(`/competitions/${competitionId}/rounds`, input)
  return data
}

export async function updateRound(id: number, input: RoundUpdate): Promise<Round> {
  const { data } = await http.patch<Round>(`/rounds/${id}`, input)
  return data
}

export async function listPool(roundId: number): Promise<Judge[]> {
  const { data } = await http.get<Items<Judge>>(`/rounds/${roundId}/judges`, { params: { page_size: 200 } })
  return itemsOf(data)
}

export async function addToPool(roundId: number, userIds: number[]): Promise<unknown> {
  const { data } = await http.post(`/rounds/${roundId}/judges`, { user_ids: userIds })
  return data
}

export async function removeFromPool(roundId: number, userId: number): Promise<void> {
  await http.delete(`/rounds/${roundId}/judges/${userId}`)
}

export async function listJudges(filter: JudgeFilter): Promise<Page<Judge>> {
  const { data } = await http.get<Page<Judge>>('/judges', { params: dropEmpty({ page_size: 100, ...filter }) })
  return data
}

/** listPublicCompetitions is the listing anyone may read without logging in. */
export async function listPublicCompetitions(): Promise<PublicCompetition[]> {
  const { data } = await http.get<Items<PublicCompetition>>('/public/competitions', { skipAuthRefresh: true })
  return itemsOf(data)
}
