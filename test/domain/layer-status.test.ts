import { describe, expect, test } from 'vitest'
import { disclaimerZh } from '../../server/domain/labels-zh.ts'
import {
  allSynthetic,
  syntheticDisclaimer,
  townshipLayerTitle,
} from '../../server/domain/layer-status.ts'

describe('示意 per layer', () => {
  test('with every layer synthetic the disclaimer is the shipped one', () => {
    expect(syntheticDisclaimer(allSynthetic)).toBe(disclaimerZh)
  })

  test('an imported layer drops out of the disclaimer; the others keep theirs', () => {
    const status = { ...allSynthetic, townships: { synthetic: false } }
    expect(syntheticDisclaimer(status)).toBe('网格、点位及问题数据为示意数据，非官方')
    expect(townshipLayerTitle(status)).toBe('乡镇界')
    expect(townshipLayerTitle(allSynthetic)).toBe('乡镇（示意界线）')
  })

  test('one layer left says only that one; none left says nothing', () => {
    const onlyIssues = {
      townships: { synthetic: false },
      grids: { synthetic: false },
      checkpoints: { synthetic: false },
      issues: { synthetic: true },
    }
    expect(syntheticDisclaimer(onlyIssues)).toBe('问题数据为示意数据，非官方')
    expect(syntheticDisclaimer({ ...onlyIssues, issues: { synthetic: false } })).toBeUndefined()
  })
})
