// The phone's position from navigator.geolocation (watchPosition, high accuracy), with its accuracy;
// a refusal or a missing GPS becomes a Chinese reason so the screen can offer the map instead.
import { useEffect, useState } from 'react'

export interface PositionFix {
  lngLat: [lng: number, lat: number]
  accuracyMeters: number
}

export type PositionState =
  | { status: 'locating' }
  | { status: 'fixed'; fix: PositionFix }
  | { status: 'failed'; reason: string }

const watchOptions: PositionOptions = {
  enableHighAccuracy: true,
  maximumAge: 10_000, // ms: a fix this fresh is as good as a new one on foot
  timeout: 20_000, // ms before the first fix counts as failed
}

function reasonOf(error: GeolocationPositionError): string {
  switch (error.code) {
    case error.PERMISSION_DENIED:
      return '未获得定位权限。请在浏览器或微信设置中允许定位，或在地图上点选位置。'
    case error.TIMEOUT:
      return '定位超时，可能在室内或信号弱。请到开阔处重试，或在地图上点选位置。'
    default:
      return '暂时无法定位。请在地图上点选位置。'
  }
}

/** Watches the position while the component is mounted; `retry` starts a new watch. */
export function usePosition(): { state: PositionState; retry: () => void } {
  const [state, setState] = useState<PositionState>({ status: 'locating' })
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    if (attempt < 0) return // keeps `attempt` a dependency: each retry is a new watch
    if (!('geolocation' in navigator)) {
      setState({ status: 'failed', reason: '此浏览器不支持定位。请在地图上点选位置。' })
      return
    }
    setState((s) => (s.status === 'fixed' ? s : { status: 'locating' }))
    const id = navigator.geolocation.watchPosition(
      (p) =>
        setState({
          status: 'fixed',
          fix: {
            lngLat: [p.coords.longitude, p.coords.latitude],
            accuracyMeters: p.coords.accuracy,
          },
        }),
      (error) =>
        setState((s) => (s.status === 'fixed' ? s : { status: 'failed', reason: reasonOf(error) })),
      watchOptions,
    )
    return () => navigator.geolocation.clearWatch(id)
  }, [attempt])
  return { state, retry: () => setAttempt((n) => n + 1) }
}
