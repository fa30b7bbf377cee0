import { http } from './http'
import type { Me, User } from './types'

export interface ProfileUpdate {
  name?: string
  email?: string
  phone?: string
}

export async function getMe(): Promise<Me> {
  const { data } = await http.get<Me>('/me')
  return data
}

export async function updateMe(input: ProfileUpdate): Promise<User> {
  const { data } = await http.patch<User>('/me', input)
  return data
}

export async function changePassword(oldPassword: string, newPassword: string): Promise<void> {
  await http.post('/me/password', { old_password: oldPassword, new_password: newPassword })
}
