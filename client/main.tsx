// Entry point: the bundled fonts, one QueryClient, and the role switch (`?role=`, or the paths
// /wall for the commanders' wall screen, /grids for grid managers, /plan for planners and
// /supervision for 督查, loaded on demand).
import '@fontsource/noto-sans-sc/400.css'
import '@fontsource/noto-sans-sc/700.css'
import './styles.css'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { lazy, StrictMode, Suspense } from 'react'
import { createRoot } from 'react-dom/client'
import { ApiError } from './lib/api-client.ts'
import { GridsScreen } from './roles/grids/grids-screen.tsx'
import { OverviewScreen } from './roles/overview/overview-screen.tsx'
import { PlanningScreen } from './roles/planning/planning-screen.tsx'
import { WallScreen } from './roles/wall/wall-screen.tsx'

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

const SupervisionScreen = lazy(() =>
  import('./roles/supervision/supervision-screen.tsx').then((m) => ({
    default: m.SupervisionScreen,
  })),
)

const screens = {
  overview: OverviewScreen,
  wall: WallScreen,
  grids: GridsScreen,
  plan: PlanningScreen,
  supervision: SupervisionScreen,
} as const

function App() {
  const path = /\/(wall|grids|plan|supervision)\/?$/.exec(location.pathname)?.[1]
  const role = path ?? new URLSearchParams(location.search).get('role') ?? 'overview'
  const Screen = screens[role as keyof typeof screens] ?? OverviewScreen
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
