import type { AxiosProgressEvent } from 'axios'
import { http } from './http'
import { download } from './download'

export type MaterialKind = 'business_plan' | 'deck' | 'video'

export const MATERIAL_KINDS: readonly MaterialKind[] = ['business_plan', 'deck', 'video']

export interface Attachment {
  id: number
  entry_id: number
  kind: MaterialKind
  version: number
  file_name: string
  content_type: string
  size_bytes: number
  sha256: string
  uploaded_by: number
  uploaded_by_name: string
  created_at: string
  download_url: string
}

export interface AttachmentList {
  /** items are every version, newest first per kind. */
  items: Attachment[]
  /** current is the id of the newest version of each kind. */
  current: Partial<Record<MaterialKind, number | null>>
}

export async function listAttachments(entryId: number): Promise<AttachmentList> {
  const { data } = await http.get<AttachmentList>(`/entries/${entryId}/attachments`)
  return { items: data.items ?? [], current: data.current ?? {} }
}

/**
 * uploadAttachment sends one file as multipart/form-data, the kind field
 * before the file (the server streams the file part), reporting progress as
 * a percentage 0–100.
 */
export async function uploadAttachment(
  entryId: number,
  kind: MaterialKind,
  file: File,
  onProgress?: (percent: number) => void,
  signal?: AbortSignal,
): Promise<Attachment> {
  const form = new FormData()
  form.append('kind', kind)
  form.append('file', file, file.name)
  const { data } = await http.post<Attachment>(`/entries/${entryId}/attachments`, form, {
    timeout: 0,
    signal,
    onUploadProgress: (e: AxiosProgressEvent) => {
      const total = e.total ?? file.size
      if (onProgress && total > 0) onProgress(Math.min(100, Math.round((e.loaded / total) * 100)))
    },
  })
  return data
}

/** downloadAttachment fetches one version with the token and saves it. */
export function downloadAttachment(a: Pick<Attachment, 'id' | 'file_name'>): Promise<string> {
  return download(`/attachments/${a.id}/download`, a.file_name || `attachment-${a.id}`)
}
