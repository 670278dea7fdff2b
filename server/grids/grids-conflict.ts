// The grid workspace's stale-version failure, apart from grid-change.ts so the error handler can
// map it without importing the use cases. Pure.

/** 409: the grids changed since the caller read them; the body carries the current version. */
export class GridsConflict extends Error {
  override name = 'GridsConflict'
  readonly gridsVersion: number
  constructor(gridsVersion: number) {
    super(`网格数据已被他人修改（当前版本 ${gridsVersion}），请刷新后重试`)
    this.gridsVersion = gridsVersion
  }
}
