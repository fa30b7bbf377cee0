import { http } from './http'
import { dropEmpty } from './query'
import type { ListQuery, Page } from './types'

export type BaseKind = 'headquarters' | 'campus'
export type ZoneKind = 'maker_incubation' | 'training' | 'roadshow' | 'talent' | 'school_enterprise' | 'custom'
export type SpaceType = 'incubatee' | 'public_service' | 'office'
export type WorkstationStatus = 'free' | 'occupied' | 'reserved' | 'out_of_service'

export const BASE_KINDS: readonly BaseKind[] = ['headquarters', 'campus']
export const ZONE_KINDS: readonly ZoneKind[] = [
  'maker_incubation',
  'training',
  'roadshow',
  'talent',
  'school_enterprise',
  'custom',
]
export const SPACE_TYPES: readonly SpaceType[] = ['incubatee', 'public_service', 'office']

/** BaseManager is a user holding base_manager in the base's domain. */
export interface BaseManager {
  id: number
  username: string
  name: string
}

export interface Base {
  id: number
  name: string
  kind: BaseKind
  host_college_id: number | null
  host_college_name: string
  address: string
  area_m2: number
  description: string
  managers: BaseManager[]
  zone_count: number
  workstation_count: number
  version: number
  created_at: string
  updated_at: string
}

export interface Zone {
  id: number
  base_id: number
  name: string
  kind: ZoneKind
  space_type: SpaceType
  area_m2: number
  room_count: number
  workstation_count: number
  version: number
  created_at: string
  updated_at: string
}

export interface Room {
  id: number
  base_id: number
  zone_id: number
  name: string
  area_m2: number
  capacity: number
  bookable: boolean
  workstation_count: number
  version: number
  created_at?: string
  updated_at?: string
}

export interface Workstation {
  id: number
  base_id: number
  zone_id: number
  room_id: number
  code: string
  status: WorkstationStatus
  residency_id: number | null
  /** project_name is the holder's project (base grid only; "" when none). */
  project_name?: string
  version: number
}

/** Occupancy is GET /bases/:id/occupancy: ratios for display. */
export interface Occupancy {
  base_id: number
  workstations: Record<WorkstationStatus, number> & { total: number }
  area_by_space_type: Record<SpaceType, number>
  area_m2: number
  incubatees: number
  incubatees_per_1000m2: number
  /** utilisation is occupied / (total − out_of_service), 0..1. */
  utilisation: number
}

export interface BaseFilter extends ListQuery {
  q?: string
}

export interface NewZone {
  name: string
  kind: ZoneKind
  space_type: SpaceType
  area_m2: number
}

export interface NewRoom {
  name: string
  area_m2: number
  capacity: number
  bookable: boolean
}

export interface WorkstationFilter {
  zone_id?: number | ''
  status?: WorkstationStatus | ''
}

/** itemsOf accepts both {items} and a page answer. */
function itemsOf<T>(data: { items?: T[] | null }): T[] {
  return data.items ?? []
}

export async function listBases(filter: BaseFilter = {}): Promise<Page<Base>> {
  const { data } = await http.get<Page<Base>>('/bases', { params: dropEmpty({ page_size: 100, ...filter }) })
  return data
}

export async function getBase(id: number): Promise<Base> {
  const { data } = await http.get<Base>(`/bases/${id}`)
  return data
}

export async function getOccupancy(id: number): Promise<Occupancy> {
  const { data } = await http.get<Occupancy>(`/bases/${id}/occupancy`)
  return data
}

export async function listZones(baseId: number): Promise<Zone[]> {
  const { data } = await http.get<{ items: Zone[] }>(`/bases/${baseId}/zones`, { params: { page_size: 100 } })
  return itemsOf(data)
}

export async function createZone(baseId: number, input: NewZone): Promise<Zone> {
  const { data } = await http.post<Zone>(`/bases/${baseId}/zones`, input)
  return data
}

export async function listRooms(zoneId: number): Promise<Room[]> {
  const { data } = await http.get<{ items: Room[] }>(`/zones/${zoneId}/rooms`, { params: { page_size: 100 } })
  return itemsOf(data)
}

export async function createRoom(zoneId: number, input: NewRoom): Promise<Room> {
  const { data } = await http.post<Room>(`/zones/${zoneId}/rooms`, input)
  return data
}

/** listBaseWorkstations returns every workstation of a base (no paging) for the grid. */
export async function listBaseWorkstations(baseId: number, filter: WorkstationFilter = {}): Promise<Workstation[]> {
  const { data } = await http.get<{ items: Workstation[] }>(`/bases/${baseId}/workstations`, {
    params: dropEmpty(filter),
  })
  return itemsOf(data)
}

/** setWorkstationStatus moves a workstation between free, reserved and out_of_service. */
export async function setWorkstationStatus(
  id: number,
  status: WorkstationStatus,
  version: number,
): Promise<Workstation> {
  const { data } = await http.patch<Workstation>(`/workstations/${id}`, { status, version })
  return data
}
