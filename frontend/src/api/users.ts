import { http } from './http'
import { dropEmpty } from './query'
import type { ListQuery, Page, RoleBinding, User, UserStatus } from './types'

export interface UserFilter extends ListQuery {
  q?: string
  status?: UserStatus | ''
  role?: string
  college_id?: number
}

export interface NewUser {
  username: string
  password: string
  name: string
  email?: string
  phone?: string
  college_id?: number | null
  student_no?: string
  major?: string
  graduation_year?: number | null
  title?: string
  expertise?: string[]
}

/** UserUpdate changes the given fields; version is the optimistic lock. */
export interface UserUpdate {
  name?: string
  email?: string
  phone?: string
  college_id?: number | null
  status?: UserStatus
  title?: string
  expertise?: string[]
  version: number
}

export async function listUsers(filter: UserFilter): Promise<Page<User>> {
  const { data } = await http.get<Page<User>>('/users', { params: dropEmpty(filter) })
  return data
}

export async function getUser(id: number): Promise<User> {
  const { data } = await http.get<User>(`/users/${id}`)
  return data
}

export async function createUser(input: NewUser): Promise<User> {
  const { data } = await http.post<User>('/users', input)
  return data
}

export async function updateUser(id: number, input: UserUpdate): Promise<User> {
  const { data } = await http.patch<User>(`/users/${id}`, input)
  return data
}

/** disableUser disables the account (DELETE keeps the row). */
export async function disableUser(id: number): Promise<void> {
  await http.delete(`/users/${id}`)
}

/** setUserRoles replaces all role bindings of the user. */
export async function setUserRoles(id: number, roles: RoleBinding[]): Promise<RoleBinding[]> {
  const { data } = await http.put<RoleBinding[]>(`/users/${id}/roles`, roles)
  return data
}
