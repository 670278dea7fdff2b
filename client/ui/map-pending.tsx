// What a map area shows until the place's bounds have arrived (GET /api/place): a map made before
// them would start on some other box and jump.
export function MapPending({ failed }: { failed: boolean }) {
  return (
    <div className="map-pending" role="status" data-testid="map-pending">
      {failed ? '无法载入地区范围，请刷新页面重试' : '正在载入地图…'}
    </div>
  )
}
