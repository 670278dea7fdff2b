// BASE_MAPS_FILE: what a county may configure, and the Chinese messages naming the bad field.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import {
  BaseMapsConfigError,
  gcj02Refusal,
  loadBaseMaps,
  parseBaseMaps,
  tileOrigins,
} from '../../server/config/base-maps.ts'

const tianditu = {
  id: 'tianditu-img',
  name: '天地图影像',
  type: 'raster',
  url: 'https://t0.tianditu.gov.cn/img_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=img&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={key}',
  keyEnv: 'TIANDITU_KEY',
  attribution: '© 国家地理信息公共服务平台 天地图',
}
const intranet = {
  id: 'intranet',
  name: '政务内网影像',
  type: 'raster',
  url: 'http://10.1.2.3:8090/tiles/{z}/{x}/{y}.png',
  attribution: '县自然资源局',
  maxzoom: 19,
}
const ownFile = {
  id: 'county',
  name: '县自有底图',
  file: 'tiles/county.mbtiles',
  attribution: '县测绘院',
}

const parse = (baseMaps: unknown[], env: Record<string, string> = {}) =>
  parseBaseMaps({ baseMaps }, { dir: '/srv/maps', env, source: 'maps.json' })

function messageOf(run: () => unknown): string {
  try {
    run()
  } catch (e) {
    expect(e).toBeInstanceOf(BaseMapsConfigError)
    return (e as Error).message
  }
  throw new Error('expected a BaseMapsConfigError')
}

describe('base-map configuration', () => {
  test('a tile service, 天地图 with its key from the environment and a county file parse with defaults', () => {
    const list = parse([tianditu, intranet, ownFile], { TIANDITU_KEY: 'k3y' })
    expect(list).toEqual([
      {
        kind: 'url',
        id: 'tianditu-img',
        name: '天地图影像',
        type: 'raster',
        tiles: tianditu.url.replace('{key}', 'k3y'),
        tileSize: 256,
        minzoom: 0,
        maxzoom: 18,
        attribution: '© 国家地理信息公共服务平台 天地图',
      },
      expect.objectContaining({ kind: 'url', id: 'intranet', maxzoom: 19 }),
      expect.objectContaining({
        kind: 'file',
        id: 'county',
        file: '/srv/maps/tiles/county.mbtiles',
      }),
    ])
  })

  test('a GCJ-02 source is refused with the reason, naming the entry', () => {
    const message = messageOf(() =>
      parse([intranet, { ...intranet, id: 'amap', name: '高德影像', crs: 'gcj02' }]),
    )
    expect(message).toContain('baseMaps[1].crs: 底图“高德影像”为 gcj02')
    expect(message).toContain(gcj02Refusal)
    expect(gcj02Refusal).toMatch(/100–700 米/)
    expect(gcj02Refusal).toMatch(/无法.*精确纠偏/)
  })

  test.each([
    [{ ...intranet, url: 'ftp://x/{z}/{x}/{y}' }, 'baseMaps[0].url: 须为 http:// 或 https://'],
    [{ ...intranet, url: 'https://x/{z}/{x}.png' }, 'baseMaps[0].url: 须含 {z}、{x}、{y}'],
    [{ ...intranet, url: 'http://[bad/{z}/{x}/{y}' }, 'baseMaps[0].url: 不是有效的网址'],
    [{ ...intranet, type: 'wms' }, 'baseMaps[0].type: 须为 raster（栅格）或 vector（矢量）'],
    [{ ...intranet, name: '' }, 'baseMaps[0].name: 须写中文名称'],
    [{ ...intranet, attribution: ' ' }, 'baseMaps[0].attribution: 须写版权与来源说明'],
    [{ ...intranet, id: 'Big Id' }, 'baseMaps[0].id: 须为 1–32 个小写字母'],
    [{ ...intranet, id: 'offline' }, 'baseMaps[0].id: “offline” 留给离线底图'],
    [{ ...intranet, maxzoom: 30 }, 'baseMaps[0].maxzoom: 不能大于 22'],
    [{ ...intranet, minzoom: 12, maxzoom: 10 }, 'baseMaps[0].minzoom: 大于 maxzoom'],
    [{ ...intranet, tileSize: 300 }, 'baseMaps[0].tileSize: 须为 256 或 512'],
    [{ ...intranet, crs: 'bd09' }, 'baseMaps[0].crs: 须为 wgs84 或 gcj02'],
    [{ ...intranet, colour: 'red' }, 'baseMaps[0].colour'],
    [{ ...ownFile, file: 'county.tif' }, 'baseMaps[0].file: 须为 .mbtiles 或 .pmtiles'],
    [{ ...tianditu, keyEnv: undefined }, 'baseMaps[0].keyEnv: 地址含 {key}，须指明'],
    [tianditu, 'baseMaps[0].keyEnv: 环境变量 TIANDITU_KEY 未设置'],
  ])('a bad entry names its field: %j', (bad, expected) => {
    expect(messageOf(() => parse([bad]))).toContain(expected)
  })

  test('two entries with one id are refused', () => {
    expect(messageOf(() => parse([intranet, intranet]))).toContain(
      'baseMaps[1].id: “intranet” 重复',
    )
  })

  test('the file must hold a baseMaps list', () => {
    expect(messageOf(() => parseBaseMaps([], { dir: '/', env: {}, source: 'maps.json' }))).toMatch(
      /^底图配置 maps.json 无效：/,
    )
  })

  test('a message never carries the key', () => {
    const message = messageOf(() =>
      parse([tianditu, { ...intranet, crs: 'gcj02' }], { TIANDITU_KEY: 'secret-key' }),
    )
    expect(message).not.toContain('secret-key')
  })

  test('the CSP origins are the tile services’ hosts, each once; archives add none', () => {
    const list = parse([tianditu, { ...tianditu, id: 'tianditu-cia' }, intranet, ownFile], {
      TIANDITU_KEY: 'k',
    })
    expect(tileOrigins(list)).toEqual(['https://t0.tianditu.gov.cn', 'http://10.1.2.3:8090'])
  })

  const dir = mkdtempSync(join(tmpdir(), 'base-maps-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test('BASE_MAPS_FILE unset: no configured base maps (the offline map only)', () => {
    expect(loadBaseMaps({})).toEqual([])
  })

  test('BASE_MAPS_FILE is read, and relative archive paths resolve beside it', () => {
    const file = join(dir, 'maps.json')
    writeFileSync(file, JSON.stringify({ baseMaps: [ownFile] }))
    expect(loadBaseMaps({ BASE_MAPS_FILE: file })).toEqual([
      expect.objectContaining({ file: join(dir, 'tiles/county.mbtiles') }),
    ])
  })

  test('an unreadable BASE_MAPS_FILE stops the start with a message naming it', () => {
    const file = join(dir, 'broken.json')
    writeFileSync(file, '{ baseMaps: ')
    expect(messageOf(() => loadBaseMaps({ BASE_MAPS_FILE: file }))).toContain(
      `无法读取底图配置 ${file}（BASE_MAPS_FILE）`,
    )
  })
})
