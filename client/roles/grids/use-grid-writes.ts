// After a write: every grid-admin read and the grid shapes are stale, and issues moved too; the
// write's message shows and its grids (a split's parts) become the selection.
import { useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import { gridAdminKeys, gridShapesKey } from '../../features/grid-admin/api.ts'

export function useGridWrites(
  setNotice: (notice: string) => void,
  setSelected: (codes: string[]) => void,
) {
  const queryClient = useQueryClient()
  const refresh = useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: gridAdminKeys.all }),
      queryClient.invalidateQueries({ queryKey: gridShapesKey }),
      queryClient.invalidateQueries({ queryKey: ['collections', 'issues'] }),
    ])
  }, [queryClient])
  const onWritten = useCallback(
    (message: string, select?: string[]) => {
      setNotice(message)
      if (select) setSelected(select)
      void refresh()
    },
    [refresh, setNotice, setSelected],
  )
  return { refresh, onWritten }
}
