/**
 * What the sidebar asks first when it opens: who is using it (so it shows
 * only the panels their role allows) and which panel a menu item asked for.
 * A menu item opens a panel by calling rememberSidebarPanel before showing
 * the sidebar; the sidebar's first call takes (and clears) that request.
 */
import type { Env } from '../../services/context';
import { Role } from '../../core/schema';
import { rolesOf } from '../../services/roles';

export interface SidebarStart {
  email: string;
  roles: Role[];
  practiceName: string;
  /** The hub's time zone: the sidebar shows dates and times on the hub's clock, as the sheet does. */
  timeZone: string;
  /** Today in the hub's time zone (YYYY-MM-DD). */
  today: string;
  /** The panel a menu item asked for, or null for the role's default. */
  panel: string | null;
  params: Record<string, string>;
}

const START_KEY = 'handoff.sidebar.start';
/** Long enough for the sidebar to load; short enough that a later "Open sidebar" starts fresh. */
const START_TTL_SECONDS = 120;

/** Asks the next sidebar this user opens to start on `panel` (called by the menu's showSidebar). */
export function rememberSidebarPanel(panel: string, params: Record<string, string> = {}): void {
  CacheService.getUserCache()?.put(START_KEY, JSON.stringify({ panel, params }), START_TTL_SECONDS);
}

function takeSidebarPanel(): { panel: string | null; params: Record<string, string> } {
  const cache = CacheService.getUserCache();
  const raw = cache?.get(START_KEY);
  if (!cache || !raw) return { panel: null, params: {} };
  cache.remove(START_KEY);
  try {
    const parsed = JSON.parse(raw) as { panel?: unknown; params?: unknown };
    const params: Record<string, string> = {};
    if (parsed.params && typeof parsed.params === 'object') {
      for (const [k, v] of Object.entries(parsed.params as Record<string, unknown>)) params[k] = String(v);
    }
    return { panel: typeof parsed.panel === 'string' ? parsed.panel : null, params };
  } catch {
    return { panel: null, params: {} };
  }
}

export function whoAmI(env: Env): SidebarStart {
  const { panel, params } = takeSidebarPanel();
  return {
    email: env.ctx.user,
    roles: rolesOf(env.ctx.user, env.settings),
    practiceName: env.settings.practiceName(),
    timeZone: env.ctx.timeZone,
    today: env.ctx.today,
    panel,
    params,
  };
}
