// A 问卷 round as XLSX in the layout its import reads: rates for people, counts for the round trip
// (the import prefers counts, so export → import gives the same round).
import writeXlsxFile, { type Row } from 'write-excel-file/node'
import { type SurveyRound, surveyMeasureLabels, surveyMeasures } from '../domain/survey.ts'
import { countHeaders, surveyHeaders, surveyImportLimits } from './survey-import.ts'

export async function toSurveyXlsx(round: SurveyRound): Promise<Buffer> {
  const headers = [
    surveyHeaders.township,
    surveyHeaders.group,
    surveyHeaders.sampleSize,
    ...surveyMeasures.map((m) => surveyMeasureLabels[m]),
    ...surveyMeasures.map((m) => countHeaders[m]),
  ]
  const rows: Row[] = round.cells.map((c) => [
    c.township,
    c.group,
    c.sampleSize,
    ...surveyMeasures.map((m) => ({ value: c[m] / c.sampleSize, format: '0.0%' })),
    ...surveyMeasures.map((m) => c[m]),
  ])
  return writeXlsxFile(
    [
      {
        sheet: surveyImportLimits.preferredSheet,
        data: [headers.map((value) => ({ value, fontWeight: 'bold' as const })), ...rows],
        columns: headers.map(() => ({ width: 12 })),
        stickyRowsCount: 1,
      },
    ],
    {},
  ).toBuffer()
}
