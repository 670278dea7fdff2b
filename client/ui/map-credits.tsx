// The synthetic-data disclaimer and the data attributions, always on the map (geodata guide §3, §8).
// Publishes its height as --credits-h so map controls and panels stay clear of it.
import { useEffect, useRef } from 'react'
import { attributionZh, disclaimerZh } from '../../server/domain/labels-zh.ts'

export function MapCredits() {
  const ref = useRef<HTMLElement>(null)
  useEffect(() => {
    const footer = ref.current
    const host = footer?.parentElement
    if (!footer || !host) return
    const observer = new ResizeObserver(() => {
      host.style.setProperty('--credits-h', `${footer.offsetHeight}px`)
    })
    observer.observe(footer)
    return () => observer.disconnect()
  }, [])
  return (
    <footer ref={ref} className="map-credits">
      <p className="map-credits__disclaimer" data-testid="disclaimer">
        {disclaimerZh}
      </p>
      <ul className="map-credits__sources" data-testid="attribution">
        {attributionZh.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </footer>
  )
}
