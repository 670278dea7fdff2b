// Object URLs for files shown before they are sent (photo thumbnails), revoked when the files change
// or the component goes, so the browser lets the blobs go.
import { useEffect, useMemo } from 'react'

export function useObjectUrls(files: readonly File[]): string[] {
  const urls = useMemo(() => files.map((f) => URL.createObjectURL(f)), [files])
  useEffect(
    () => () => {
      for (const url of urls) URL.revokeObjectURL(url)
    },
    [urls],
  )
  return urls
}
