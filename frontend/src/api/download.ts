import { AxiosError } from 'axios'
import { http } from './http'

// Downloads need the Bearer token, so they go through the API client as a
// blob (a plain <a href> would be sent without it) and are then saved under
// the file name the server gives in Content-Disposition.

/** cleanName drops path parts and control characters from a suggested file name. */
function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  return base.replace(/[\u0000-\u001f\u007f"]/g, '').trim()
}

function decodeExtValue(value: string): string | null {
  // ext-value = charset "'" [ language ] "'" value-chars (RFC 8187)
  const m = /^([\w!#$%&+^`{}~-]*)'[\w-]*'(.*)$/.exec(value)
  if (!m) return null
  const charset = m[1]!.toLowerCase()
  try {
    if (charset === 'utf-8' || charset === '') return decodeURIComponent(m[2]!)
    // ISO-8859-1: each %XX is one code point
    return m[2]!.replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
  } catch {
    return null
  }
}

function unquote(value: string): string {
  const v = value.trim()
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) return v.slice(1, -1).replace(/\\(.)/g, '$1')
  return v
}

/** dispositionParams splits a Content-Disposition header into its lower-cased parameters (quoted strings kept whole). */
function dispositionParams(header: string): Map<string, string> {
  const params = new Map<string, string>()
  const re = /;\s*([^\s=;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g
  let m: RegExpExecArray | null
  while ((m = re.exec(header)) !== null) {
    const key = m[1]!.toLowerCase()
    if (!params.has(key)) params.set(key, m[2]!.trim())
  }
  return params
}

/**
 * filenameFromDisposition reads the file name from a Content-Disposition
 * header: filename* (RFC 8187, UTF-8 percent-encoded) wins over the plain
 * (ASCII fallback) filename; without either the fallback is used.
 */
export function filenameFromDisposition(header: string | null | undefined, fallback: string): string {
  if (!header) return fallback
  const params = dispositionParams(header)
  const ext = params.get('filename*')
  if (ext !== undefined) {
    const decoded = decodeExtValue(unquote(ext))
    const name = decoded === null ? '' : cleanName(decoded)
    if (name) return name
  }
  const plain = params.get('filename')
  if (plain !== undefined) {
    const name = cleanName(unquote(plain))
    if (name) return name
  }
  return fallback
}

/** saveBlob hands a blob to the browser as a download named name. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
  // give the browser a moment to start the download before freeing the blob
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/**
 * problemFromBlob makes a failed blob request readable by toProblem: the
 * problem+json body arrives as a Blob and is parsed back into an object.
 */
async function problemFromBlob(err: unknown): Promise<unknown> {
  if (err instanceof AxiosError && err.response && err.response.data instanceof Blob) {
    try {
      err.response.data = JSON.parse(await err.response.data.text())
    } catch {
      err.response.data = {}
    }
  }
  return err
}

export interface Downloaded {
  blob: Blob
  filename: string
}

/** fetchBlob GETs path (relative to /api/v1) with the session's token, as a blob with its file name. */
export async function fetchBlob(path: string, fallbackName: string, params?: object): Promise<Downloaded> {
  try {
    const res = await http.get<Blob>(path, { params, responseType: 'blob', timeout: 0 })
    const header = res.headers['content-disposition'] as string | undefined
    return { blob: res.data, filename: filenameFromDisposition(header, fallbackName) }
  } catch (err) {
    throw await problemFromBlob(err)
  }
}

/** download fetches path with the token and saves it under the server's file name. */
export async function download(path: string, fallbackName: string, params?: object): Promise<string> {
  const { blob, filename } = await fetchBlob(path, fallbackName, params)
  saveBlob(blob, filename)
  return filename
}
