// The 督查轮次 a reporter who records rounds may file into, and the one the report goes into.
import { useQuery } from '@tanstack/react-query'
import { useEffect, useMemo, useState } from 'react'
import { roundsQuery } from '../../features/supervision/api.ts'
import { formatDate } from '../../lib/format.ts'
import { rememberedRounds, rememberRounds } from './remembered-user.ts'
import { defaultRoundId, type RoundChoice } from './source-fields.tsx'

/** `recordsRounds`: the reporter records issues into 督查轮次; otherwise no choices and no round. */
export function useRoundChoices(recordsRounds: boolean) {
  const [chosenRound, setChosenRound] = useState<string>()
  const rounds = useQuery({ ...roundsQuery(), enabled: recordsRounds })
  useEffect(() => {
    if (rounds.data) rememberRounds(rounds.data)
  }, [rounds.data])
  // offline, the rounds this phone kept: a report in a round without signal still goes into it
  const knownRounds = rounds.data ?? (rounds.isError ? rememberedRounds() : undefined)
  const roundChoices = useMemo<RoundChoice[] | undefined>(() => {
    if (!recordsRounds) return undefined
    const today = formatDate(new Date().toISOString())
    return (knownRounds ?? []).map((r) => ({
      id: r.id,
      name: r.name,
      current: r.startsOn <= today && today <= r.endsOn,
    }))
  }, [recordsRounds, knownRounds])
  const roundId = defaultRoundId(roundChoices ?? [], chosenRound)
  return { roundChoices, roundId, setChosenRound }
}
