import type { TagType } from '@/format/status'

/** ActionDialog says how the UI collects the input of a move. */
export type ActionDialog = 'edit' | 'confirm' | 'review' | 'note' | 'admit' | 'exit' | 'report'

export interface ActionButton {
  /** action is the server's name, as in allowed_actions. */
  action: string
  /** labelKey is the i18n key of the button text. */
  labelKey: string
  type: TagType
  dialog: ActionDialog
  /** noteRequired: the move's note may not be empty. */
  noteRequired?: boolean
}

// Buttons in the order they are shown; anything the server allows that is not
// listed here is ignored (an older UI against a newer server).
const APPLICATION_BUTTONS: readonly ActionButton[] = [
  { action: 'update', labelKey: 'applications.actions.edit', type: 'primary', dialog: 'edit' },
  { action: 'submit', labelKey: 'applications.actions.submit', type: 'primary', dialog: 'confirm' },
  { action: 'review', labelKey: 'applications.actions.review', type: 'primary', dialog: 'review' },
  { action: 'approve', labelKey: 'applications.actions.approve', type: 'success', dialog: 'note' },
  { action: 'return', labelKey: 'applications.actions.return', type: 'warning', dialog: 'note', noteRequired: true },
  { action: 'reject', labelKey: 'applications.actions.reject', type: 'danger', dialog: 'note', noteRequired: true },
  { action: 'admit', labelKey: 'applications.actions.admit', type: 'success', dialog: 'admit' },
]

const RESIDENCY_BUTTONS: readonly ActionButton[] = [
  { action: 'report', labelKey: 'residencies.actions.report', type: 'primary', dialog: 'report' },
  { action: 'exit', labelKey: 'residencies.actions.exit', type: 'danger', dialog: 'exit' },
]

/** ALIASES maps other spellings the server may use to the UI's action names. */
const ALIASES: Readonly<Record<string, string>> = {
  edit: 'update',
  patch: 'update',
  file_report: 'report',
  submit_report: 'report',
}

function buttonsFor(table: readonly ActionButton[], allowed: readonly string[] | null | undefined): ActionButton[] {
  const wanted = new Set((allowed ?? []).map((a) => ALIASES[a] ?? a))
  return table.filter((b) => wanted.has(b.action))
}

/** applicationButtons maps an application's allowed_actions to the buttons to show, in a fixed order. */
export function applicationButtons(allowed: readonly string[] | null | undefined): ActionButton[] {
  return buttonsFor(APPLICATION_BUTTONS, allowed)
}

/** residencyButtons maps a residency's allowed_actions to its buttons. */
export function residencyButtons(allowed: readonly string[] | null | undefined): ActionButton[] {
  return buttonsFor(RESIDENCY_BUTTONS, allowed)
}
