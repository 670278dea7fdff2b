// A map set inside a page rather than filling a screen (a round's route, the phone's position
// picker): the everyday theme at the page's own scale, every base layer shown.
import type { BaseToggle } from './base-style.ts'
import { themes } from './themes.ts'

export const insetMap = {
  theme: themes.light,
  scale: 1,
  baseVisibility: {
    boundaries: true,
    townships: true,
    rivers: true,
    villages: true,
  } satisfies Record<BaseToggle, boolean>,
}
