// What a grid write needs from the workspace: the grids' version it is made against, where its
// message (and the grids to select after it) goes, and who reloads when the grids changed meanwhile.

export interface GridWrite {
  gridsVersion: number | undefined
  onWritten: (message: string, select?: string[]) => void
  onConflict: () => void
}

/** A write's onError: a 409 says another change came first, so the workspace reloads. */
export const onConflictError = (write: GridWrite) => (error: unknown) => {
  if ((error as { status?: number }).status === 409) write.onConflict()
}
