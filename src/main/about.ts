import type { Versions } from '../preload/api';

/** The body of the Help → About dialog. */
export function aboutDetail(versions: Versions): string {
  return [
    'A visual gradient debugger for 2-D convolution.',
    '',
    `Version ${versions.app}`,
    `Electron ${versions.electron}`,
    `Chromium ${versions.chrome}`,
    `Node ${versions.node}`,
  ].join('\n');
}
