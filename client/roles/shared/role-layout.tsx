// The frame every map screen of a role shares: the header (title, badges, a status line, actions,
// the user menu) over the map area (the map, the screen's panel, its legend, its overlays, the
// login dialog and the credits). Knows nothing about what the screens show.
import type { ReactNode } from 'react'
import type { SessionUser } from '../../features/session/api.ts'
import { LoginDialog } from '../../features/session/login-dialog.tsx'
import { UserMenu } from '../../features/session/user-menu.tsx'
import { roleLabel } from '../../lib/role-label.ts'
import type { MapViewProps } from '../../map/map-view.tsx'
import { type Theme, themes } from '../../map/themes.ts'
import { MapCredits } from '../../ui/map-credits.tsx'
import { PlaceMap } from '../../ui/place-map.tsx'
import type { LoginPrompt } from './use-login-prompt.ts'

export interface RoleHeaderProps {
  title: string
  badges?: ReactNode // beside the title: 未指派, 示意数据
  meta?: ReactNode // the status line (when the data was fetched, totals); absent: none
  actions?: ReactNode // buttons before the user menu
  user: SessionUser | null | undefined // undefined while the session loads
  onLoginRequest: () => void
  onLoggedOut: () => void
}

export function RoleHeader(props: RoleHeaderProps) {
  return (
    <header className="app-header">
      <h1>{props.title}</h1>
      {props.badges}
      {props.meta !== undefined && <p className="app-header__meta">{props.meta}</p>}
      <div className="app-header__actions">
        {props.actions}
        <UserMenu
          user={props.user}
          roleLabel={roleLabel}
          onLoginRequest={props.onLoginRequest}
          onLoggedOut={props.onLoggedOut}
        />
      </div>
    </header>
  )
}

export interface RoleLayoutProps {
  className: string // the screen's root class, e.g. 'app planning'
  header: RoleHeaderProps
  map: Omit<MapViewProps, 'bounds' | 'theme'> & { theme?: Theme } // @default themes.light
  mapClassName?: string // @default 'map-area'
  panel?: ReactNode // over the map first: the side panel, a toolbar
  legend?: ReactNode
  children?: ReactNode // the overlays above the legend: hints, toasts, detail panels, dialogs
  aside?: ReactNode // beside the map (the grids' table); the map and it share a row
  asideClassName?: string // the row's class when there is an aside
  login: LoginPrompt // the screen's login prompt (useLoginPrompt)
  onLoggedIn: () => void
  attributions?: string[] // the shown configured base map's
}

export function RoleLayout(props: RoleLayoutProps) {
  const { login } = props
  const mapArea = (
    <main className={props.mapClassName ?? 'map-area'}>
      <PlaceMap theme={themes.light} {...props.map} />
      {props.panel}
      {props.legend}
      {props.children}
      {login.prompt && (
        <LoginDialog
          reason={login.prompt.reason}
          onClose={login.close}
          onLoggedIn={props.onLoggedIn}
        />
      )}
      <MapCredits attributions={props.attributions} />
    </main>
  )
  return (
    <div className={props.className}>
      <RoleHeader {...props.header} />
      {props.aside ? (
        <div className={props.asideClassName}>
          {mapArea}
          {props.aside}
        </div>
      ) : (
        mapArea
      )}
    </div>
  )
}
