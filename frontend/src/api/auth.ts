import { http } from './http'
import type { TokenPair, User } from './types'

export interface RegistrationInfo {
  enabled: boolean
  colleges: { id: number; name: string }[]
}

export interface Registration {
  username: string
  password: string
  name: string
  college_id: number
  student_no: string
  major: string
  graduation_year: number
  email?: string
  phone?: string
}

/** login exchanges credentials for a token pair. */
export async function login(username: string, password: string): Promise<TokenPair> {
  const { data } = await http.post<TokenPair>('/auth/login', { username, password }, { skipAuthRefresh: true })
  return data
}

/** refresh rotates the token pair; the old refresh token dies. */
export async function refresh(refreshToken: string): Promise<TokenPair> {
  const { data } = await http.post<TokenPair>(
    '/auth/refresh',
    { refresh_token: refreshToken },
    { skipAuthRefresh: true },
  )
  return data
}

/** logout revokes the refresh chain. */
export async function logout(refreshToken: string): Promise<void> {
  await http.post('/auth/logout', { refresh_token: refreshToken }, { skipAuthRefresh: true })
}

/** registrationInfo tells whether self-registration is on, with the colleges. */
export async function registrationInfo(): Promise<RegistrationInfo> {
  const { data } = await http.get<RegistrationInfo>('/auth/register', { skipAuthRefresh: true })
  return data
}

/** register creates a student account (public). */
export async function register(input: Registration): Promise<User> {
  const { data } = await http.post<User>('/auth/register', input, { skipAuthRefresh: true })
  return data
}
