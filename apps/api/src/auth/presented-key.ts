import type { IncomingHttpHeaders } from 'node:http';
import { readCookie } from '../common/read-cookie';
import { bearerKey, parseApiKey, type ParsedApiKey } from './api-key';

/** The cookie POST /ui/session sets: the dashboard's API key, HttpOnly so its scripts never see it. */
export const UI_SESSION_COOKIE = 'taskloom_ui_key';

/** The header the dashboard sends with every API call; a cross-site form or link cannot set it. */
export const UI_HEADER = 'x-taskloom-ui';

/**
 * The key a request presents: its Authorization header, else the dashboard's
 * session cookie — but the cookie only together with `X-Taskloom-UI: 1`.
 * A browser attaches cookies to any request to this origin; a custom header
 * only same-origin scripts can add (a cross-origin one needs a CORS preflight
 * the API never grants), so a forged request carries the cookie in vain.
 */
export function presentedKey(headers: IncomingHttpHeaders): ParsedApiKey | undefined {
  const bearer = bearerKey(headers.authorization);
  if (bearer || headers[UI_HEADER] !== '1') return bearer;
  const cookie = readCookie(headers.cookie, UI_SESSION_COOKIE);
  return cookie ? parseApiKey(decodeURIComponent(cookie)) : undefined;
}
