// A dot measured in screen pixels with a white rim, so it stands out on any fill: the planning
// points and villages, the issue being reported, the phone's GPS dot and a round's findings.
import type { ScatterplotLayerProps } from '@deck.gl/layers'

export const whiteRimmedDot: Pick<
  ScatterplotLayerProps,
  'stroked' | 'radiusUnits' | 'lineWidthUnits' | 'getLineColor'
> = {
  stroked: true,
  radiusUnits: 'pixels',
  lineWidthUnits: 'pixels',
  getLineColor: [255, 255, 255, 255],
}
