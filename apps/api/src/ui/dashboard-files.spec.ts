import { cacheControlOf, DASHBOARD_CSP } from './dashboard-files';

describe('dashboard files', () => {
  it('lets browsers keep hashed assets and revalidate the page', () => {
    expect(cacheControlOf('/srv/apps/dashboard/dist/assets/index-Czun-j2z.js')).toBe(
      'public, max-age=31536000, immutable',
    );
    expect(cacheControlOf('/srv/apps/dashboard/dist/index.html')).toBe('no-cache');
  });

  it('allows scripts from its own origin only and no framing', () => {
    expect(DASHBOARD_CSP).toContain("script-src 'self' 'unsafe-eval';");
    expect(DASHBOARD_CSP).toContain("frame-ancestors 'none'");
    expect(DASHBOARD_CSP).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  });
});
