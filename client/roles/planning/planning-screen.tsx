// 创建规划: the planners' workspace.
export function PlanningScreen() {
  return <main>创建规划</main>
}
