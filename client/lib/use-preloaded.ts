// Waits for the web font to hold some characters before deck.gl draws them (TextLayer atlases).
import { useEffect, useState } from 'react'
import { preloadCharacters } from './fonts.ts'

/** True once the web font has the characters of `texts`; false again while new ones load. */
export function usePreloaded(texts: string[]): boolean {
  const [ready, setReady] = useState(false)
  useEffect(() => {
    let cancelled = false
    setReady(false)
    preloadCharacters(texts).then(() => {
      if (!cancelled) setReady(true)
    })
    return () => {
      cancelled = true
    }
  }, [texts])
  return ready
}
