// Colours of the grid map: one per unit or per grid manager, stable for the life of the lists
// (keys are placed in code order, so a reassignment recolours only the grids that moved), and
// one warning red for unassigned grids. Pure.
import { hexToRgba, type Rgba } from '../../lib/legend.ts'

export type ColorMode = 'unit' | 'manager'

// 20 qualitative colours, none of them the unassigned red
const palette = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#bcbd22',
  '#3182bd',
  '#e6550d',
  '#31a354',
  '#756bb1',
  '#637939',
  '#7b4173',
  '#8c6d31',
  '#393b79',
  '#6baed6',
  '#fd8d3c',
  '#74c476',
  '#636363',
].map((hex) => hexToRgba(hex))

export const unassignedColor: Rgba = [220, 38, 38, 255]
export const noOwnerColor: Rgba = [150, 150, 150, 255]

/** Whose colour a grid wears: its unit's code, or its manager's id (null when it has none). */
export function colorKey(
  row: { unitCode: string; managerId: string | null },
  mode: ColorMode,
): string | null {
  return mode === 'unit' ? row.unitCode : row.managerId
}

/**
 * A colour per key: keys sorted (codes like gm-0001 or urban-management), then the palette in
 * turn. Sequential manager ids sit in the same township, so neighbours differ.
 */
export function colorScale(keys: Iterable<string>): Map<string, Rgba> {
  const sorted = [...new Set(keys)].sort((a, b) => a.localeCompare(b))
  return new Map(sorted.map((key, i) => [key, palette[i % palette.length] as Rgba]))
}

/** The colour of one key; unknown keys and null (nobody) are grey. */
export function colorOf(scale: Map<string, Rgba>, key: string | null): Rgba {
  return (key !== null && scale.get(key)) || noOwnerColor
}

export function withAlpha([r, g, b]: Rgba, alpha: number): Rgba {
  return [r, g, b, alpha]
}

/** `#rrggbb` for CSS and legends. */
export function toHex([r, g, b]: Rgba): string {
  return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`
}
