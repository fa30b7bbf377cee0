import type { MaterialKind } from '@/api/attachments'

// Client-side pre-checks of a material before upload, so a wrong file fails
// at once instead of after minutes of uploading. The server still decides
// (it sniffs the bytes and applies its configured limits).

const MiB = 1024 * 1024

export interface MaterialRule {
  /** extensions allowed, lower-case with the dot. */
  extensions: readonly string[]
  maxBytes: number
  /** accept is the file input's accept attribute. */
  accept: string
}

export const MATERIAL_RULES: Readonly<Record<MaterialKind, MaterialRule>> = {
  business_plan: { extensions: ['.pdf'], maxBytes: 20 * MiB, accept: '.pdf,application/pdf' },
  deck: {
    extensions: ['.pdf', '.pptx'],
    maxBytes: 50 * MiB,
    accept: '.pdf,.pptx,application/pdf,application/vnd.openxmlformats-officedocument.presentationml.presentation',
  },
  video: { extensions: ['.mp4'], maxBytes: 200 * MiB, accept: '.mp4,video/mp4' },
}

/** PrecheckError names the message key and its parameters. */
export interface PrecheckError {
  key: 'materials.errors.empty' | 'materials.errors.extension' | 'materials.errors.tooLarge'
  params: Record<string, string | number>
}

/** extensionOf is the last extension of a file name, lower-case with the dot ('' for none). */
export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  const dot = base.lastIndexOf('.')
  return dot > 0 ? base.slice(dot).toLowerCase() : ''
}

/** formatBytes shows a size as B, KB, MB or GB (1024-based). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return ''
  if (bytes < 1024) return `${bytes} B`
  const units = ['KB', 'MB', 'GB']
  let v = bytes / 1024
  let i = 0
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  return `${v >= 100 ? Math.round(v) : Number(v.toFixed(1))} ${units[i]}`
}

/**
 * precheckMaterial checks a file against the rule of its kind: not empty,
 * the last extension allowed ("plan.pdf.exe" is an .exe), within the size
 * limit. It returns null when the file may be sent.
 */
export function precheckMaterial(
  kind: MaterialKind,
  file: { name: string; size: number },
  rules: Readonly<Record<MaterialKind, MaterialRule>> = MATERIAL_RULES,
): PrecheckError | null {
  const rule = rules[kind]
  const ext = extensionOf(file.name)
  if (!rule.extensions.includes(ext)) {
    return { key: 'materials.errors.extension', params: { allowed: rule.extensions.join(' / '), ext: ext || '—' } }
  }
  if (file.size <= 0) return { key: 'materials.errors.empty', params: {} }
  if (file.size > rule.maxBytes) {
    return { key: 'materials.errors.tooLarge', params: { size: formatBytes(file.size), max: formatBytes(rule.maxBytes) } }
  }
  return null
}
