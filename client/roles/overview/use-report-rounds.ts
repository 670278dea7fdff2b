// The 督查轮次 of the overview: 督导员 and 管理员 record issues into a round (the round in progress is
// offered first); those who may read rounds (督导员, 指挥长, 管理员) filter the ledger by one.
import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { supervisionReaders } from '../../../server/domain/supervision.ts'
import { can, type SessionUser } from '../../features/session/api.ts'
import { roundsQuery } from '../../features/supervision/api.ts'
import { formatDate } from '../../lib/format.ts'

export function useReportRounds(user: SessionUser | null | undefined, mayReport: boolean) {
  const readsRounds = (supervisionReaders as readonly string[]).includes(user?.role ?? '')
  const rounds = useQuery({ ...roundsQuery(), enabled: readsRounds })
  const recordsRounds = mayReport && can(user, 'round_edit')
  const reportRounds = useMemo(() => {
    if (!rounds.data || !recordsRounds) return undefined
    const today = formatDate(new Date().toISOString())
    return rounds.data.map((r) => ({
      id: r.id,
      name: r.name,
      current: r.startsOn <= today && today <= r.endsOn,
    }))
  }, [rounds.data, recordsRounds])
  return { reportRounds, ledgerRounds: readsRounds ? rounds.data : undefined }
}
