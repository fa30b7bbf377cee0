import type { TagType } from '@/format/status'

/** ActionDialog says how the UI collects the input of a move. */
export type ActionDialog = 'edit' | 'confirm' | 'review' | 'note' | 'admit' | 'exit' | 'report' | 'reason' | 'extension'

export interface ActionButton {
  /** action is the server's name, as in allowed_actions. */
  action: string
  /** labelKey is the i18n key of the button text. */
  labelKey: string
  type: TagType
  dialog: ActionDialog
  /** noteRequired: the move's note may not be empty. */
  noteRequired?: boolean
  /** confirmKey is the i18n key of the confirmation question of a 'confirm' move. */
  confirmKey?: string
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

const COMPETITION_BUTTONS: readonly ActionButton[] = [
  { action: 'update', labelKey: 'competitions.actions.update', type: 'primary', dialog: 'edit' },
  {
    action: 'open',
    labelKey: 'competitions.actions.open',
    type: 'success',
    dialog: 'confirm',
    confirmKey: 'competitions.confirm.open',
  },
  {
    action: 'close_registration',
    labelKey: 'competitions.actions.close_registration',
    type: 'warning',
    dialog: 'confirm',
    confirmKey: 'competitions.confirm.close_registration',
  },
  {
    action: 'finish',
    labelKey: 'competitions.actions.finish',
    type: 'danger',
    dialog: 'confirm',
    confirmKey: 'competitions.confirm.finish',
  },
]

const ENTRY_BUTTONS: readonly ActionButton[] = [
  { action: 'update', labelKey: 'entries.actions.update', type: 'primary', dialog: 'edit' },
  { action: 'submit', labelKey: 'entries.actions.submit', type: 'success', dialog: 'confirm', confirmKey: 'entries.confirm.submit' },
  { action: 'qualify', labelKey: 'entries.actions.qualify', type: 'success', dialog: 'confirm', confirmKey: 'entries.confirm.qualify' },
  { action: 'disqualify', labelKey: 'entries.actions.disqualify', type: 'danger', dialog: 'reason', noteRequired: true },
  { action: 'extend', labelKey: 'entries.actions.extend', type: 'warning', dialog: 'extension' },
  { action: 'withdraw', labelKey: 'entries.actions.withdraw', type: 'danger', dialog: 'confirm', confirmKey: 'entries.confirm.withdraw' },
]

/** ALIASES maps other spellings the server may use to the UI's action names. */
const ALIASES: Readonly<Record<string, string>> = {
  edit: 'update',
  patch: 'update',
  file_report: 'report',
  submit_report: 'report',
  'close-registration': 'close_registration',
  extension: 'extend',
  grant_extension: 'extend',
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

/** competitionButtons maps a competition's allowed_actions to its buttons: edit, then open → close registration → finish. */
export function competitionButtons(allowed: readonly string[] | null | undefined): ActionButton[] {
  return buttonsFor(COMPETITION_BUTTONS, allowed)
}

/** entryButtons maps an entry's allowed_actions to its buttons, in a fixed order. */
export function entryButtons(allowed: readonly string[] | null | undefined): ActionButton[] {
  return buttonsFor(ENTRY_BUTTONS, allowed)
}
