// One legend symbol, drawn as a small inline SVG in the map's own colours.
import { type LegendSwatch as Swatch, toCssColor } from '../lib/legend.ts'

export function LegendSwatch({ swatch }: { swatch: Swatch }) {
  const fill = toCssColor(swatch.color)
  const stroke = swatch.outline ? toCssColor(swatch.outline) : fill
  return (
    <svg className="swatch" viewBox="0 0 16 16" aria-hidden="true">
      {swatch.shape === 'area' && (
        <rect x="1.5" y="3" width="13" height="10" fill={fill} stroke={stroke} strokeWidth="1.5" />
      )}
      {swatch.shape === 'line' && (
        <line x1="1" y1="8" x2="15" y2="8" stroke={fill} strokeWidth="3" />
      )}
      {swatch.shape === 'dashed' && (
        <line x1="1" y1="8" x2="15" y2="8" stroke={fill} strokeWidth="2" strokeDasharray="4 2.5" />
      )}
      {swatch.shape === 'square' && (
        <rect
          x="2.5"
          y="2.5"
          width="11"
          height="11"
          rx="1"
          fill={fill}
          stroke="#fff"
          strokeWidth="1.5"
        />
      )}
      {swatch.shape === 'ring' && (
        <circle cx="8" cy="8" r="5" fill="#fff" stroke={fill} strokeWidth="2.2" />
      )}
      {swatch.shape === 'dot' && (
        <circle
          cx="8"
          cy="8"
          r="5"
          fill={fill}
          stroke={swatch.outline ? stroke : '#fff'}
          strokeWidth={swatch.outline ? 2.2 : 1}
        />
      )}
      {swatch.shape === 'gradient' && (
        <>
          <defs>
            <linearGradient id="heat-ramp">
              {(swatch.colors ?? [swatch.color]).map((c, i, all) => (
                <stop
                  key={toCssColor(c)}
                  offset={i / Math.max(all.length - 1, 1)}
                  stopColor={toCssColor(c)}
                />
              ))}
            </linearGradient>
          </defs>
          <rect x="0" y="4" width="16" height="8" rx="2" fill="url(#heat-ramp)" />
        </>
      )}
    </svg>
  )
}
