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
 * The page loads only its own scripts; React Flow positions nodes with
 * inline style attributes, hence 'unsafe-inline' for styles alone.
 */
export const DASHBOARD_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
