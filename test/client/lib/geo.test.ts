import { expect, test } from 'vitest'
import { distanceMeters, nearestPlace } from '../../../client/lib/geo.ts'

const place = (id: string, lng: number, lat: number) => ({
  id,
  name: id,
  lngLat: [lng, lat] as [number, number],
})

test('0.001° of latitude is about 111 m', () => {
  expect(distanceMeters([100.3, 25.23], [100.3, 25.231])).toBeCloseTo(111.2, 0)
})

test('the nearest place within the radius is suggested, with its distance', () => {
  const places = [place('far', 100.31, 25.23), place('near', 100.3005, 25.23), place('x', 101, 26)]
  const found = nearestPlace([100.3, 25.23], places, 300)
  expect(found?.place.id).toBe('near')
  expect(found?.meters).toBeCloseTo(50.4, 0)
})

test('nothing is suggested when every place is farther than the radius', () => {
  expect(nearestPlace([100.3, 25.23], [place('far', 100.31, 25.23)], 300)).toBeUndefined()
})
