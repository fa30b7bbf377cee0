// Types of the backend's JSON (snake_case, times as RFC 3339 UTC strings).

export type RoleName =
  | 'admin'
  | 'base_manager'
  | 'judge'
  | 'student'
  | 'policy_officer'
  | 'college_viewer'

export const ROLE_NAMES: readonly RoleName[] = [
  'admin',
  'base_manager',
  'judge',
  'student',
  'policy_officer',
  'college_viewer',
]

/** RoleBinding is one role held in one casbin domain ("*" or "base:<id>"). */
export interface RoleBinding {
  role: string
  domain: string
}

/** Permission is a route the user may call, path as a route template. */
export interface Permission {
  method: string
  path: string
}

export type UserStatus = 'active' | 'disabled'

export interface User {
  id: number
  username: string
  name: string
  email: string
  phone: string
  status: UserStatus
  college_id: number | null
  student_no: string
  major: string
  graduation_year: number | null
  title: string
  expertise: string[]
  roles: RoleBinding[]
  created_at: string
  updated_at: string
  version: number
}

/** Me is GET /me: the user with the permissions the UI needs. */
export interface Me extends User {
  permissions: Permission[]
}

export interface College {
  id: number
  name: string
  short_name: string
  code: string
  city: string
  created_at: string
  updated_at: string
  version: number
}

/** Page is the shape of every list answer. */
export interface Page<T> {
  items: T[]
  total: number
  page: number
  page_size: number
}

/** ListQuery holds the paging parameters every list takes. */
export interface ListQuery {
  page?: number
  page_size?: number
  sort?: string
}

export interface TokenPair {
  access_token: string
  refresh_token: string
  token_type: 'Bearer'
  expires_in: number
  user: User
}
