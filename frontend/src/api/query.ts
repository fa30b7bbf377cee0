/** dropEmpty removes filter values that mean "any", so they are not sent. */
export function dropEmpty<T extends object>(q: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(q).filter(([, v]) => v !== '' && v !== undefined && v !== null),
  ) as Partial<T>
}

/** SortOrder is what an Element Plus table reports on sort-change. */
export type SortOrder = 'ascending' | 'descending' | null

/** sortParam builds the API's sort value: "field" or "-field"; '' for none. */
export function sortParam(prop: string | undefined, order: SortOrder): string {
  if (!prop || !order) return ''
  return order === 'descending' ? `-${prop}` : prop
}

/** Items is a list answer: {items, …} (paged or not), or a bare array. */
export type Items<T> = { items?: T[] | null } | T[]

/** itemsOf reads the rows of a list answer, whatever its envelope. */
export function itemsOf<T>(data: Items<T> | null | undefined): T[] {
  if (Array.isArray(data)) return data
  return data?.items ?? []
}
