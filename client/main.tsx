// Entry point: the bundled fonts, one QueryClient, and the role switch (`?role=`, or the paths
// /wall for the commanders' wall screen, /grids for grid managers, /plan for planners and
// /supervision for 督查, /materials for 材料审核, /m for the phone app). Each screen is its own chunk, loaded on its route: the wall never
// downloads grid editing, planning, terra-draw or the ledger.
import '@fontsource/noto-sans-sc/400.css'
import '@fontsource/noto-sans-sc/700.css'
import './styles.css'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { type ComponentType, lazy, StrictMode, Suspense } from 'react'
import { createRoot } from 'react-dom/client'
import { ApiError } from './lib/api-client.ts'
import { placeQuery } from './lib/place.ts'

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // one quiet retry of a network or server failure; a 4xx (e.g. 401 before login) won't change
      retry: (failures, error) =>
        failures < 1 && !(error instanceof ApiError && error.status && error.status < 500),
      refetchOnWindowFocus: false, // big layers; a dashboard left open should not refetch on focus
    },
  },
})

// the place (titles, the maps' bounds) is asked for while the screen's code loads, not after
void queryClient.prefetchQuery(placeQuery)

type ScreenModule = () => Promise<{ default: ComponentType }>

const overview: ScreenModule = () =>
  import('./roles/overview/overview-screen.tsx').then((m) => ({ default: m.OverviewScreen }))

const screens: Record<string, ScreenModule> = {
  overview,
  wall: () => import('./roles/wall/wall-screen.tsx').then((m) => ({ default: m.WallScreen })),
  grids: () => import('./roles/grids/grids-screen.tsx').then((m) => ({ default: m.GridsScreen })),
  plan: () =>
    import('./roles/planning/planning-screen.tsx').then((m) => ({ default: m.PlanningScreen })),
  supervision: () =>
    import('./roles/supervision/supervision-screen.tsx').then((m) => ({
      default: m.SupervisionScreen,
    })),
  m: () => import('./roles/mobile/mobile-screen.tsx').then((m) => ({ default: m.MobileScreen })),
  materials: () =>
    import('./roles/materials/materials-screen.tsx').then((m) => ({
      default: m.MaterialsScreen,
    })),
}

function screenFor(): ComponentType {
  const path = /\/(wall|grids|plan|supervision|m|materials)\/?$/.exec(location.pathname)?.[1]
  const role = path ?? new URLSearchParams(location.search).get('role') ?? 'overview'
  return lazy(screens[role] ?? overview)
}

const Screen = screenFor() // the route is fixed for the life of the page

function App() {
  // no fallback text: each screen shows its own loading state once its code is in
  return (
    <Suspense fallback={null}>
      <Screen />
    </Suspense>
  )
}

const root = document.getElementById('root')
if (!root) throw new Error('#root is missing from index.html')
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
)
