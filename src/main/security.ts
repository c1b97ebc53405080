import { app, session, type WebContents } from 'electron';

/**
 * Locks down every web contents the app ever creates: no navigation away from the loaded
 * page, no new windows, no <webview>, and no permission (camera, notifications, …) granted.
 */
export function applySecurityPolicy(): void {
  const denyAll = (_contents: WebContents | null, _permission: string, callback: (granted: boolean) => void): void =>
    callback(false);
  session.defaultSession.setPermissionRequestHandler(denyAll);
  session.defaultSession.setPermissionCheckHandler(() => false);

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
