// The synthetic-data disclaimer and the data attributions, always on the map (geodata guide §3, §8).
// Publishes its height as --credits-h so map controls and panels stay clear of it.
import { useEffect, useRef } from 'react'
import { attributionZh } from '../../server/domain/labels-zh.ts'
import { syntheticDisclaimer } from '../../server/domain/layer-status.ts'
import { useLayerStatus } from '../lib/place.ts'

/** `attributions`: the shown configured base map's, after ours. */
export function MapCredits({ attributions = [] }: { attributions?: string[] }) {
  const ref = useRef<HTMLElement>(null)
  // only the layers still 示意 are named; none once the county's own data replaced them all
  const disclaimer = syntheticDisclaimer(useLayerStatus())
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
      {disclaimer && (
        <p className="map-credits__disclaimer" data-testid="disclaimer">
          {disclaimer}
        </p>
      )}
      <ul className="map-credits__sources" data-testid="attribution">
        {attributionZh.map((line) => (
          <li key={line}>{line}</li>
        ))}
        {attributions.map((line) => (
          <li key={line} data-testid="basemap-attribution">
            底图：{line}
          </li>
        ))}
      </ul>
    </footer>
  )
}
