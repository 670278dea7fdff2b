// The state of a login form, the desktop dialog's and the phone's: the two fields, the check that
// both are filled, the sign-in request (which puts the user in the session cache) and the message
// to show when either fails.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type ChangeEvent, useState } from 'react'
import { login, loginErrorMessage, type SessionUser, sessionKeys } from './api.ts'

export function useLoginForm(onLoggedIn?: (user: SessionUser) => void) {
  const queryClient = useQueryClient()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [missing, setMissing] = useState<string>()
  const mutation = useMutation({
    mutationFn: () => login(username.trim(), password),
    onSuccess: (user) => {
      queryClient.setQueryData(sessionKeys.all, user)
      onLoggedIn?.(user)
    },
  })
  const error = missing ?? (mutation.isError ? loginErrorMessage(mutation.error) : undefined)
  /** Signs in when both fields are filled; otherwise says which one is missing. */
  const submit = () => {
    const absent = !username.trim() ? '请输入用户名。' : !password ? '请输入密码。' : undefined
    setMissing(absent)
    if (!absent) mutation.mutate()
  }
  const onText = (set: (text: string) => void) => (e: ChangeEvent<HTMLInputElement>) =>
    set(e.target.value)
  // the inputs' names and autocomplete tokens, which password managers go by, in one place
  return {
    usernameInput: {
      name: 'username',
      autoComplete: 'username',
      value: username,
      onChange: onText(setUsername),
    },
    passwordInput: {
      name: 'password',
      type: 'password',
      autoComplete: 'current-password',
      value: password,
      onChange: onText(setPassword),
    },
    error,
    pending: mutation.isPending,
    submit,
  }
}
