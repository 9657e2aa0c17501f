import { generateApiKey } from './api-key';
import { presentedKey, UI_SESSION_COOKIE } from './presented-key';

describe('presentedKey', () => {
  const header = generateApiKey();
  const cookie = generateApiKey();
  const cookieHeader = `theme=dark; ${UI_SESSION_COOKIE}=${encodeURIComponent(cookie.key)}; other=1`;

  it('reads the Authorization header', () => {
    expect(presentedKey({ authorization: `Bearer ${header.key}` })).toEqual({ id: header.id, secret: header.secret });
  });

  it('prefers the Authorization header to the session cookie', () => {
    expect(
      presentedKey({ authorization: `Bearer ${header.key}`, cookie: cookieHeader, 'x-taskloom-ui': '1' }),
    ).toMatchObject({ id: header.id });
  });

  it('ignores the session cookie without the X-Taskloom-UI header, as a cross-site request would send it', () => {
    expect(presentedKey({ cookie: cookieHeader })).toBeUndefined();
    expect(presentedKey({ cookie: cookieHeader, 'x-taskloom-ui': '0' })).toBeUndefined();
  });

  it('reads the session cookie with the X-Taskloom-UI header', () => {
    expect(presentedKey({ cookie: cookieHeader, 'x-taskloom-ui': '1' })).toEqual({
      id: cookie.id,
      secret: cookie.secret,
    });
  });

  it('finds nothing in a cookie that is not a key', () => {
    expect(presentedKey({ cookie: `${UI_SESSION_COOKIE}=nonsense`, 'x-taskloom-ui': '1' })).toBeUndefined();
    expect(presentedKey({ 'x-taskloom-ui': '1' })).toBeUndefined();
  });
});
