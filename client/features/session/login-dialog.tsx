// A compact login dialog (username + password). Failed attempts say why in plain Chinese
// (wrong credentials, too many attempts); success puts the user into the session query.
import { useEffect, useId, useRef } from 'react'
import { FormField } from '../../ui/form-field.tsx'
import { SubmitForm } from '../../ui/submit-form.tsx'
import type { SessionUser } from './api.ts'
import { useLoginForm } from './use-login-form.ts'

export interface LoginDialogProps {
  reason?: string // why it opened, e.g. 登录已过期
  onClose: () => void
  onLoggedIn: (user: SessionUser) => void
}

export function LoginDialog({ reason, onClose, onLoggedIn }: LoginDialogProps) {
  const id = useId()
  const userRef = useRef<HTMLInputElement>(null)
  const { usernameInput, passwordInput, error, pending, submit } = useLoginForm(onLoggedIn)

  useEffect(() => {
    userRef.current?.focus()
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onClose])

  return (
    <div
      className="modal"
      role="dialog"
      aria-modal="true"
      aria-labelledby={`${id}-title`}
      data-testid="login-dialog"
    >
      <button type="button" className="modal__backdrop" aria-label="关闭登录" onClick={onClose} />
      <SubmitForm className="modal__card login-form" noValidate onSubmit={submit}>
        <h2 id={`${id}-title`}>登录</h2>
        <p className="muted">
          {reason ?? '登录后可上报、交办、整改和复查问题；未登录只能浏览地图。'}
        </p>
        <FormField label="用户名">
          <input ref={userRef} {...usernameInput} disabled={pending} />
        </FormField>
        <FormField label="密码">
          <input {...passwordInput} disabled={pending} />
        </FormField>
        {error && (
          <p className="form-error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <div className="action-form__buttons">
          <button type="submit" className="button" disabled={pending}>
            {pending ? '正在登录…' : '登录'}
          </button>
          <button type="button" className="button is-plain" onClick={onClose}>
            取消
          </button>
        </div>
      </SubmitForm>
    </div>
  )
}
