import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where the dashboard is served: outside /api/v1, on the API's own origin. */
export const DASHBOARD_PATH = '/ui';

/**
 * The dashboard's built files (apps/dashboard/dist, written by `npm run
 * build`), found from this file in apps/api/src/ui or apps/api/dist/ui.
 * Undefined when it was not built: the api then answers /ui with a 404 that
 * says so instead of failing to start.
 */
export function dashboardDist(): string | undefined {
  const dist = resolve(__dirname, '..', '..', '..', 'dashboard', 'dist');
  return existsSync(join(dist, 'index.html')) ? dist : undefined;
}

/**
 * Hashed asset names never change content, so browsers keep them; the page
 * itself is revalidated so a new build is picked up at once.
 */
export function cacheControlOf(path: string): string {
  return /[/\\]assets[/\\]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * The page loads only its own scripts. 'unsafe-eval': the start-run form
 * validates with Ajv, which compiles each schema into a function; React
 * Flow positions nodes with inline style attributes, hence 'unsafe-inline'
 * for styles (docs/adr/0019).
 */
export const DASHBOARD_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
