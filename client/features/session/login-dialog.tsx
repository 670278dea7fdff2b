// A compact login dialog (username + password). Failed attempts say why in plain Chinese
// (wrong credentials, too many attempts); success puts the user into the session query.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useEffect, useId, useRef, useState } from 'react'
import { FormField } from '../../ui/form-field.tsx'
import { SubmitForm } from '../../ui/submit-form.tsx'
import { login, loginErrorMessage, type SessionUser, sessionKeys } from './api.ts'

export interface LoginDialogProps {
  reason?: string // why it opened, e.g. 登录已过期
  onClose: () => void
  onLoggedIn: (user: SessionUser) => void
}

export function LoginDialog({ reason, onClose, onLoggedIn }: LoginDialogProps) {
  const queryClient = useQueryClient()
  const id = useId()
  const userRef = useRef<HTMLInputElement>(null)
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [missing, setMissing] = useState<string>()
  const mutation = useMutation({
    mutationFn: () => login(username.trim(), password),
    onSuccess: (user) => {
      queryClient.setQueryData(sessionKeys.all, user)
      onLoggedIn(user)
    },
  })

  useEffect(() => {
    userRef.current?.focus()
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onClose])

  const error = missing ?? (mutation.isError ? loginErrorMessage(mutation.error) : undefined)
  return (
    <div
      className="modal"
      role="dialog"
      aria-modal="true"
      aria-labelledby={`${id}-title`}
      data-testid="login-dialog"
    >
      <button type="button" className="modal__backdrop" aria-label="关闭登录" onClick={onClose} />
      <SubmitForm
        className="modal__card login-form"
        noValidate
        onSubmit={() => {
          if (!username.trim() || !password) {
            setMissing(!username.trim() ? '请输入用户名。' : '请输入密码。')
            return
          }
          setMissing(undefined)
          mutation.mutate()
        }}
      >
        <h2 id={`${id}-title`}>登录</h2>
        <p className="muted">
          {reason ?? '登录后可上报、交办、整改和复查问题；未登录只能浏览地图。'}
        </p>
        <FormField label="用户名">
          <input
            ref={userRef}
            name="username"
            autoComplete="username"
            value={username}
            disabled={mutation.isPending}
            onChange={(e) => setUsername(e.target.value)}
          />
        </FormField>
        <FormField label="密码">
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            disabled={mutation.isPending}
            onChange={(e) => setPassword(e.target.value)}
          />
        </FormField>
        {error && (
          <p className="form-error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <div className="action-form__buttons">
          <button type="submit" className="button" disabled={mutation.isPending}>
            {mutation.isPending ? '正在登录…' : '登录'}
          </button>
          <button type="button" className="button is-plain" onClick={onClose}>
            取消
          </button>
        </div>
      </SubmitForm>
    </div>
  )
}
