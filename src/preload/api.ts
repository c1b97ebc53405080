// The typed contract between the Electron main process, the preload bridge and the renderer.
// The renderer imports this file as types only (`import type`), so it must stay free of
// Node and Electron imports; the channel names are the only runtime values.

/** Which input slot an opened file is meant for. */
export type FileKind = 'image' | 'kernel' | 'grad';

export const FILE_KINDS: readonly FileKind[] = ['image', 'kernel', 'grad'];

/** A file the user picked in a native dialog, read by the main process. */
export interface OpenedFile {
  readonly kind: FileKind;
  /** Base name only (no directory), for display and error messages. */
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** What the main process reports to the renderer when a menu command ran. */
export type MenuEvent =
  | { readonly type: 'file-opened'; readonly file: OpenedFile }
  | { readonly type: 'file-error'; readonly kind: FileKind; readonly message: string };

/** The main process's answer to an open request; the preload turns `error` into a rejection. */
export type OpenFileReply = { readonly file: OpenedFile } | { readonly error: string } | null;

export interface Versions {
  readonly app: string;
  readonly electron: string;
  readonly chrome: string;
  readonly node: string;
}

/**
 * `window.convgrad` in the desktop app. Absent in the web build, so the renderer must
 * check for it and fall back to `<input type=file>`.
 */
export interface ConvGradBridge {
  readonly platform: string;
  readonly versions: Versions;
  /** Shows a native open dialog. Resolves null when cancelled; rejects with a one-line message when the file cannot be read. */
  openFile(kind: FileKind): Promise<OpenedFile | null>;
  /** Subscribes to menu events; returns the unsubscribe function. */
  onMenu(listener: (event: MenuEvent) => void): () => void;
}

/** The only keys `window.convgrad` has; the Electron e2e test checks this. */
export const BRIDGE_KEYS: readonly (keyof ConvGradBridge)[] = ['platform', 'versions', 'openFile', 'onMenu'];

export const IPC = {
  openFile: 'convgrad:open-file',
  menu: 'convgrad:menu',
} as const;

/** Command-line switch through which main hands the app version to the sandboxed preload. */
export const APP_VERSION_SWITCH = '--convgrad-app-version=';

declare global {
  interface Window {
    convgrad?: ConvGradBridge;
  }
}
