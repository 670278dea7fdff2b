// The dated file names of the planning lists' CSV exports (saved by lib/download-text.ts).

/** `示范点候选-20260301.csv`: a file name with today's date in Beijing time. */
export function datedFileName(stem: string, extension: string, now = new Date()): string {
  const day = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '')
  return `${stem}-${day}.${extension}`
}
