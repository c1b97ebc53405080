import type { MenuItemConstructorOptions } from 'electron';
import type { FileKind } from '../preload/api';

export interface MenuActions {
  open(kind: FileKind): void;
  about(): void;
}

export interface MenuContext {
  readonly isDevelopment: boolean;
  readonly isMac: boolean;
}

const OPEN_ITEMS: readonly { kind: FileKind; label: string; accelerator: string }[] = [
  { kind: 'image', label: 'Open Image…', accelerator: 'CmdOrCtrl+O' },
  { kind: 'kernel', label: 'Open Kernel…', accelerator: 'CmdOrCtrl+K' },
  { kind: 'grad', label: 'Open dL/dY…', accelerator: 'CmdOrCtrl+G' },
];

/** The application menu as plain data, so it can be checked without Electron. */
export function menuTemplate(actions: MenuActions, context: MenuContext): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      ...OPEN_ITEMS.map(({ kind, label, accelerator }) => ({ label, accelerator, click: () => actions.open(kind) })),
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { role: 'resetZoom' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(context.isDevelopment
        ? ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] as const)
        : []),
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [{ label: 'About ConvGrad', click: () => actions.about() }],
  };
  return [...(context.isMac ? [{ role: 'appMenu' } as const] : []), file, view, help];
}
