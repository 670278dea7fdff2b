// 网格化管理: the grid managers' workspace.
export function GridsScreen() {
  return <main>网格化管理</main>
}
