// Saves text the page built (CSV lists) as a file; the server's XLSX/GeoJSON exports are links.

/** `示范点候选-20260301.csv`: a file name with today's date in Beijing time. */
export function datedFileName(stem: string, extension: string, now = new Date()): string {
  const day = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '')
  return `${stem}-${day}.${extension}`
}

export function downloadText(
  fileName: string,
  text: string,
  type = 'text/csv;charset=utf-8',
): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.rel = 'noopener'
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
