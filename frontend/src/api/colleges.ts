import { http } from './http'
import { dropEmpty } from './query'
import type { College, ListQuery, Page } from './types'

export interface CollegeFilter extends ListQuery {
  q?: string
}

export interface NewCollege {
  name: string
  short_name?: string
  code?: string
  city?: string
}

export interface CollegeUpdate extends Partial<NewCollege> {
  version: number
}

export async function listColleges(filter: CollegeFilter): Promise<Page<College>> {
  const { data } = await http.get<Page<College>>('/colleges', { params: dropEmpty(filter) })
  return data
}

export async function getCollege(id: number): Promise<College> {
  const { data } = await http.get<College>(`/colleges/${id}`)
  return data
}

export async function createCollege(input: NewCollege): Promise<College> {
  const { data } = await http.post<College>('/colleges', input)
  return data
}

export async function updateCollege(id: number, input: CollegeUpdate): Promise<College> {
  const { data } = await http.patch<College>(`/colleges/${id}`, input)
  return data
}
