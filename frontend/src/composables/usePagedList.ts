import { reactive, ref, shallowRef, type Ref } from 'vue'
import type { ListQuery, Page } from '@/api/types'
import { sortParam, type SortOrder } from '@/api/query'
import { useProblem } from './useProblem'

/**
 * usePagedList drives an Element Plus table over a paged list endpoint:
 * paging, server-side sorting and filters, with errors reported.
 */
export function usePagedList<T, F extends object>(
  fetchPage: (query: F & ListQuery) => Promise<Page<T>>,
  initialFilter: F,
  pageSize = 20,
) {
  const { report } = useProblem()
  const filter = reactive({ ...initialFilter }) as F
  const items = shallowRef<T[]>([]) as Ref<T[]>
  const total = ref(0)
  const page = ref(1)
  const size = ref(pageSize)
  const sort = ref('')
  const loading = ref(false)

  async function load(): Promise<void> {
    loading.value = true
    try {
      const result = await fetchPage({
        ...(filter as F),
        page: page.value,
        page_size: size.value,
        sort: sort.value || undefined,
      })
      items.value = result.items
      total.value = result.total
    } catch (err) {
      report(err)
    } finally {
      loading.value = false
    }
  }

  /** search applies the filter from the first page. */
  function search(): Promise<void> {
    page.value = 1
    return load()
  }

  /** reset restores the initial filter and reloads. */
  function reset(): Promise<void> {
    Object.assign(filter, initialFilter)
    return search()
  }

  function onSortChange({ prop, order }: { prop?: string; order: SortOrder }): void {
    sort.value = sortParam(prop, order)
    void search()
  }

  function onPageChange(p: number): void {
    page.value = p
    void load()
  }

  function onSizeChange(s: number): void {
    size.value = s
    void search()
  }

  return { filter, items, total, page, size, sort, loading, load, search, reset, onSortChange, onPageChange, onSizeChange }
}
