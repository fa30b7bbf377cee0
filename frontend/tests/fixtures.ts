import type { Me, Permission, RoleBinding, TokenPair, User } from '@/api/types'

export function user(overrides: Partial<User> = {}): User {
  return {
    id: 7,
    username: 'viewer',
    name: '联络人',
    email: '',
    phone: '',
    status: 'active',
    college_id: null,
    student_no: '',
    major: '',
    graduation_year: null,
    title: '',
    expertise: [],
    roles: [],
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-01T00:00:00Z',
    version: 1,
    ...overrides,
  }
}

export function me(permissions: Permission[], roles: RoleBinding[] = []): Me {
  return { ...user({ roles }), permissions }
}

export function tokenPair(access: string, refresh: string, expiresIn = 900): TokenPair {
  return { access_token: access, refresh_token: refresh, token_type: 'Bearer', expires_in: expiresIn, user: user() }
}
