// Label clean-up on the mesh graph: every label must form one connected patch of cells, so no
// township or grid ends up with stray islands.
import type { Mesh } from './mesh.ts'

/**
 * Relabels every patch of cells that is cut off from its label's main patch (the one holding the
 * label's root site) with the label most of its neighbours carry, until each label is connected.
 * `sameGroup` limits which neighbours may donate a label (e.g. only cells of the same township).
 */
export function connectLabels<L>(
  mesh: Mesh,
  labels: (L | undefined)[],
  roots: ReadonlyMap<L, number>,
  sameGroup: (a: number, b: number) => boolean = () => true,
): void {
  for (let pass = 0; pass < 50; pass++) {
    const component = new Int32Array(mesh.guardStart).fill(-1)
    const members: number[][] = []
    for (let i = 0; i < mesh.guardStart; i++) {
      if (component[i] !== -1 || labels[i] === undefined) continue
      const id = members.length
      const stack = [i]
      const list: number[] = []
      component[i] = id
      while (stack.length > 0) {
        const s = stack.pop() as number
        list.push(s)
        for (const n of mesh.neighbors[s] as number[]) {
          if (n < mesh.guardStart && component[n] === -1 && labels[n] === labels[s]) {
            component[n] = id
            stack.push(n)
          }
        }
      }
      members.push(list)
    }
    const mainComponent = new Map<L, number>()
    for (const [label, root] of roots) mainComponent.set(label, component[root] as number)
    let changed = false
    for (let id = 0; id < members.length; id++) {
      const list = members[id] as number[]
      const label = labels[list[0] as number] as L
      if (mainComponent.get(label) === id) continue
      const votes = new Map<L, number>()
      for (const s of list) {
        for (const n of mesh.neighbors[s] as number[]) {
          if (n >= mesh.guardStart || component[n] === id || !sameGroup(s, n)) continue
          const l = labels[n] as L
          votes.set(l, (votes.get(l) ?? 0) + 1)
        }
      }
      // most votes; ties go to the first label seen, which is deterministic (site order)
      let best: L | undefined
      let bestVotes = 0
      for (const [l, v] of votes) {
        if (v > bestVotes) {
          best = l
          bestVotes = v
        }
      }
      if (best === undefined) continue // enclosed by nothing it may join; leave it
      for (const s of list) labels[s] = best
      changed = true
    }
    if (!changed) return
  }
  throw new Error('connectLabels: labels did not settle')
}
