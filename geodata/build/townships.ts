// Township labels on the mesh: each cell goes to the nearest township site (seat, Amap village
// point or hand-placed anchor) after a smooth warp, so lines look organic, not straight Voronoi.
import { connectLabels } from './labels.ts'
import type { Mesh } from './mesh.ts'
import type { Warp } from './noise.ts'
import type { Xy } from './plane.ts'

export interface TownshipSite {
  townshipCode: string
  xy: Xy
}

/**
 * Labels every county cell with a township code. `forced` pins cells (seats, Amap villages, the
 * urban core) whatever the warp says; `roots` names one pinned cell per township, the patch that
 * survives when the clean-up removes islands.
 */
export function labelTownships(
  mesh: Mesh,
  sites: readonly TownshipSite[],
  forced: ReadonlyMap<number, string>,
  roots: ReadonlyMap<string, number>,
  warp: Warp,
): (string | undefined)[] {
  const labels: (string | undefined)[] = mesh.sites.map((p, i) => {
    if (i >= mesh.guardStart) return undefined
    const pinned = forced.get(i)
    if (pinned) return pinned
    const q = warp(p)
    let best = sites[0] as TownshipSite
    let bestD = Infinity
    for (const s of sites) {
      const d = Math.hypot(s.xy[0] - q[0], s.xy[1] - q[1])
      if (d < bestD) {
        bestD = d
        best = s
      }
    }
    return best.townshipCode
  })
  connectLabels(mesh, labels, roots)
  for (const [i, code] of forced) {
    if (labels[i] !== code)
      throw new Error(`townships: pinned cell ${i} lost ${code}; move anchors`)
  }
  return labels
}
