// Colour themes for the base style and the UI chrome. A style is a pure function of a theme
// (protomaps/basemaps); `light` is the everyday dashboard, `dark` is for the wall screen.

export type ThemeName = 'light' | 'dark'

export interface Theme {
  name: ThemeName
  paper: string // background outside every polygon
  text: string
  textHalo: string
  neighborFill: string
  neighborLine: string
  neighborText: string
  mask: string // fades everything outside the county
  maskOpacity: number
  townshipFills: readonly string[] // one tint per township, in NBS code order
  townshipFillOpacity: number
  townshipLine: string
  countyLine: string
  countyHalo: string
  river: string
  riverText: string
  villageFill: string
  villageStroke: string
  villageText: string
  seatFill: string
  seatStroke: string
  countySeat: string
  seatText: string
}

export const themes: Record<ThemeName, Theme> = {
  light: {
    name: 'light',
    paper: '#f3f0e8',
    text: '#2f2a24',
    textHalo: '#ffffff',
    neighborFill: '#e2dfd8',
    neighborLine: '#aaa59b',
    neighborText: '#7d786f',
    mask: '#f3f0e8',
    maskOpacity: 0.45,
    townshipFills: [
      '#f4e3b5',
      '#d7e8cc',
      '#f2d5cd',
      '#d3e1ef',
      '#e6d9ee',
      '#efe2c8',
      '#cfe6df',
      '#f3dbe4',
      '#e1ebc3',
      '#dcd8ee',
    ],
    townshipFillOpacity: 0.6,
    townshipLine: '#7d6a58',
    countyLine: '#a8322d',
    countyHalo: '#e9a98f',
    river: '#5f9fd6',
    riverText: '#2f6a9f',
    villageFill: '#ffffff',
    villageStroke: '#6b5e50',
    villageText: '#4a4036',
    seatFill: '#ffffff',
    seatStroke: '#2f2a24',
    countySeat: '#c0392b',
    seatText: '#1f1a15',
  },
  dark: {
    name: 'dark',
    paper: '#0d1b2a',
    text: '#e6edf3',
    textHalo: '#0d1b2a',
    neighborFill: '#15263a',
    neighborLine: '#2f4760',
    neighborText: '#6f87a0',
    mask: '#0d1b2a',
    maskOpacity: 0.5,
    townshipFills: [
      '#1f3b57',
      '#1d4150',
      '#263a5c',
      '#1e3f4a',
      '#2a3657',
      '#213d55',
      '#1b4249',
      '#2b3a58',
      '#1f4150',
      '#26375a',
    ],
    townshipFillOpacity: 0.85,
    townshipLine: '#7fa3c6',
    countyLine: '#f2c14e',
    countyHalo: '#7a5a1c',
    river: '#3f8fd6',
    riverText: '#8cc2f0',
    villageFill: '#0d1b2a',
    villageStroke: '#9fb6cc',
    villageText: '#b8c9da',
    seatFill: '#0d1b2a',
    seatStroke: '#e6edf3',
    countySeat: '#f25c54',
    seatText: '#f1f5f9',
  },
}
