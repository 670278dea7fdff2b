// The wall's full-screen page for a missing or wrong display token: what happened and what to do,
// readable from across the room. Shown instead of an empty wall full of error messages.

export function WallTokenPage(props: { hasToken: boolean }) {
  const title = props.hasToken ? '大屏令牌无效或已更换' : '缺少大屏令牌'
  const why = props.hasToken
    ? '地址中的只读令牌与服务器上的不一致（令牌可能已被更换），因此无法读取数据。'
    : '本系统要求大屏使用只读令牌查看数据，而打开本页的地址中没有令牌。'
  return (
    <main className="wall-token" data-testid="wall-token-page" role="alert">
      <h1 className="wall-token__title">{title}</h1>
      <p className="wall-token__why">{why}</p>
      <ol className="wall-token__steps">
        <li>
          请系统管理员在服务器上运行 <code>npm run display-token</code>
          ，生成新的大屏令牌（旧令牌随即失效）。
        </li>
        <li>
          用新地址打开本页：<code>/wall?token=新令牌</code>。
        </li>
        <li>仍无法显示时，请联系系统管理员检查服务器设置。</li>
      </ol>
      <p className="wall-token__note">本页不会自动刷新；换好地址后重新打开即可。</p>
    </main>
  )
}
