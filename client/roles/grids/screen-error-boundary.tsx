// A render error in the workspace shows a plain Chinese message and a reload button instead of a
// blank page; the error still reaches the console for the e2e watch.
import { Component, type ReactNode } from 'react'

interface State {
  error?: Error
}

export class ScreenErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = {}

  static getDerivedStateFromError(error: Error): State {
    return { error }
  }

  render() {
    if (!this.state.error) return this.props.children
    return (
      <div className="modal" role="alert">
        <div className="modal__card">
          <h2>页面出错了</h2>
          <p>
            网格管理页面遇到意外错误，未保存的操作没有提交。请刷新页面后重试；如果反复出现，请联系系统管理员。
          </p>
          <p className="muted">{this.state.error.message}</p>
          <button type="button" className="button" onClick={() => location.reload()}>
            刷新页面
          </button>
        </div>
      </div>
    )
  }
}
