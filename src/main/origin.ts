// Where the renderer comes from. In production it is the privileged app:// scheme (an
// origin, unlike file://, so module workers and fetch work); in development it is the
// electron-vite dev server. Anything else is not ours.

export const APP_SCHEME = 'app';
export const APP_HOST = 'convgrad';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * True when `url` belongs to the renderer we serve. Compared by scheme, host and port
 * because Node reports the origin of non-special schemes such as app: as "null".
 */
export function isTrustedUrl(url: string, devServerUrl: string | undefined): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  if (devServerUrl === undefined) return false;
  const dev = new URL(devServerUrl);
  return parsed.protocol === dev.protocol && parsed.host === dev.host;
}
