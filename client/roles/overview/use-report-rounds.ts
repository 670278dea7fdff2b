// The 督查轮次 a report can go into: 督导员 and 管理员 record issues into a round; the round in
// progress is offered first.
import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { can, type SessionUser } from '../../features/session/api.ts'
import { roundsQuery } from '../../features/supervision/api.ts'
import { formatDate } from '../../lib/format.ts'

export function useReportRounds(user: SessionUser | null | undefined, mayReport: boolean) {
  const rounds = useQuery({ ...roundsQuery(), enabled: mayReport && can(user, 'round_edit') })
  return useMemo(() => {
    if (!rounds.data) return undefined
    const today = formatDate(new Date().toISOString())
    return rounds.data.map((r) => ({
      id: r.id,
      name: r.name,
      current: r.startsOn <= today && today <= r.endsOn,
    }))
  }, [rounds.data])
}
