import type { MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';
import type { FileKind, MenuCommand } from '../preload/api';

export interface MenuActions {
  open(kind: FileKind): void;
  about(): void;
  /** A command the window carries out (save session, export, undo, …). */
  command(command: MenuCommand): void;
  openRecent(path: string): void;
  clearRecent(): void;
}

export interface MenuContext {
  readonly isDevelopment: boolean;
  readonly isMac: boolean;
  /** Recent files, newest first. */
  readonly recent?: readonly string[];
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
      { label: 'Open Session…', accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.command('open-session') },
      ...OPEN_ITEMS.map(({ kind, label, accelerator }) => ({ label, accelerator, click: () => actions.open(kind) })),
      { label: 'Open Recent', submenu: recentItems(actions, context.recent ?? []) },
      { type: 'separator' },
      { label: 'Save Session…', accelerator: 'CmdOrCtrl+S', click: () => actions.command('save-session') },
      { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => actions.command('export') },
      { label: 'Export Results…', accelerator: 'CmdOrCtrl+Shift+E', click: () => actions.command('export-results') },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
  // Undo and redo go to the window (its input and settings history) unless a text field has focus,
  // where the field's own editing wins; the window decides, so these items only forward.
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: () => actions.command('undo') },
      { label: 'Redo', accelerator: 'CmdOrCtrl+Shift+Z', click: () => actions.command('redo') },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
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
    submenu: [
      { label: 'Keyboard Shortcuts', accelerator: 'Shift+/', click: () => actions.command('shortcuts') },
      { label: 'About ConvGrad', click: () => actions.about() },
    ],
  };
  return [...(context.isMac ? [{ role: 'appMenu' } as const] : []), file, edit, view, help];
}

/** Numbered 1–9 (the mnemonic opens it), with the file name first and the folder after. */
function recentItems(actions: MenuActions, recent: readonly string[]): MenuItemConstructorOptions[] {
  if (recent.length === 0) return [{ label: 'No Recent Files', enabled: false }];
  return [
    ...recent.map((path, i) => ({ label: `&${i + 1} ${basename(path).replace(/&/g, '&&')}`, toolTip: path, click: () => actions.openRecent(path) })),
    { type: 'separator' as const },
    { label: 'Clear Recent Files', click: () => actions.clearRecent() },
  ];
}
