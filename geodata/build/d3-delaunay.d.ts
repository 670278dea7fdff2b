// The part of d3-delaunay 6 (which ships no types) that the build uses.
declare module 'd3-delaunay' {
  export class Delaunay {
    constructor(points: Float64Array)
    points: Float64Array
    triangles: Uint32Array
    halfedges: Int32Array
    inedges: Int32Array
    hull: Uint32Array
    neighbors(i: number): IterableIterator<number>
    find(x: number, y: number, i?: number): number
    voronoi(bounds?: [number, number, number, number]): Voronoi
  }
  export class Voronoi {
    circumcenters: Float64Array
    /** closed ring, or null for a coincident point */
    cellPolygon(i: number): [number, number][] | null
  }
}
