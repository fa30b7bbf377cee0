import type { WorkstationStatus } from '@/api/spaces'
import type { ApplicationStatus, ResidencyStatus } from '@/api/residency'
import type { CompetitionStatus } from '@/api/competitions'
import type { EntryStatus } from '@/api/entries'

/** TagType is an Element Plus tag/button type. */
export type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

export const WORKSTATION_STATUSES: readonly WorkstationStatus[] = ['free', 'occupied', 'reserved', 'out_of_service']

/** WORKSTATION_COLORS: free green, occupied blue, reserved orange, out of service grey (Element Plus palette). */
export const WORKSTATION_COLORS: Readonly<Record<WorkstationStatus, string>> = {
  free: '#67c23a',
  occupied: '#409eff',
  reserved: '#e6a23c',
  out_of_service: '#909399',
}

/** workstationColor is the tile colour of a status; unknown statuses are grey. */
export function workstationColor(status: string): string {
  return WORKSTATION_COLORS[status as WorkstationStatus] ?? WORKSTATION_COLORS.out_of_service
}

/**
 * manualTargets lists the statuses a manager may set by hand from status:
 * free ↔ reserved ↔ out_of_service; occupied is set only by admission and exit.
 */
export function manualTargets(status: string): WorkstationStatus[] {
  if (status === 'occupied') return []
  return (['free', 'reserved', 'out_of_service'] as const).filter((s) => s !== status)
}

const APPLICATION_TAGS: Record<ApplicationStatus, TagType> = {
  draft: 'info',
  submitted: 'primary',
  reviewing: 'warning',
  approved: 'success',
  rejected: 'danger',
  returned: 'warning',
  admitted: 'success',
}

export function applicationTag(status: string): TagType {
  return APPLICATION_TAGS[status as ApplicationStatus] ?? 'info'
}

const RESIDENCY_TAGS: Record<ResidencyStatus, TagType> = {
  active: 'success',
  graduated: 'primary',
  exited: 'info',
  removed: 'danger',
}

export function residencyTag(status: string): TagType {
  return RESIDENCY_TAGS[status as ResidencyStatus] ?? 'info'
}

/** ReportState is how a progress report reads on a given day. */
export type ReportState = 'submitted' | 'submitted_late' | 'late' | 'due' | 'upcoming'

interface ReportLike {
  status: string
  late: boolean
  period_end: string
  due_on: string
}

/**
 * reportState reads a report on day today ("YYYY-MM-DD"): submitted (on time
 * or late), late (unsubmitted past its due date), due (its period has ended, it
 * can be filed) or upcoming (its period is still running).
 */
export function reportState(r: ReportLike, today: string): ReportState {
  if (r.status === 'submitted') return r.late ? 'submitted_late' : 'submitted'
  if (r.late || today > r.due_on) return 'late'
  return today > r.period_end ? 'due' : 'upcoming'
}

const REPORT_TAGS: Record<ReportState, TagType> = {
  submitted: 'success',
  submitted_late: 'warning',
  late: 'danger',
  due: 'warning',
  upcoming: 'info',
}

export function reportTag(state: ReportState): TagType {
  return REPORT_TAGS[state]
}

/** fileable keeps the reports that can be filed now (period ended, not submitted), earliest first. */
export function fileable<T extends ReportLike & { period_start: string }>(reports: readonly T[], today: string): T[] {
  return reports
    .filter((r) => r.status !== 'submitted' && today > r.period_end)
    .sort((a, b) => a.period_start.localeCompare(b.period_start))
}

const COMPETITION_TAGS: Record<CompetitionStatus, TagType> = {
  draft: 'info',
  open: 'success',
  registration_closed: 'warning',
  finished: 'primary',
  results_published: 'primary',
}

export function competitionTag(status: string): TagType {
  return COMPETITION_TAGS[status as CompetitionStatus] ?? 'info'
}

const ENTRY_TAGS: Record<EntryStatus, TagType> = {
  draft: 'info',
  submitted: 'primary',
  qualified: 'success',
  disqualified: 'danger',
  withdrawn: 'warning',
}

export function entryTag(status: string): TagType {
  return ENTRY_TAGS[status as EntryStatus] ?? 'info'
}
