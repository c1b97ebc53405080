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

/** Commands of the application menu that the window carries out. */
export type MenuCommand = 'open-session' | 'save-session' | 'export' | 'export-results' | 'undo' | 'redo' | 'shortcuts';
export const MENU_COMMANDS: readonly MenuCommand[] = ['open-session', 'save-session', 'export', 'export-results', 'undo', 'redo', 'shortcuts'];

/** A session file (.convgrad) read by the main process: from the menu, recent files, the command line or the OS. */
export interface OpenedSession {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** What the main process reports to the renderer when a menu command ran or a file was opened from outside. */
export type MenuEvent =
  | { readonly type: 'file-opened'; readonly file: OpenedFile }
  | { readonly type: 'file-error'; readonly kind: FileKind; readonly message: string }
  | { readonly type: 'session-opened'; readonly session: OpenedSession }
  | { readonly type: 'session-error'; readonly message: string }
  | { readonly type: 'command'; readonly command: MenuCommand };

/** The main process's answer to an open request; the preload turns `error` into a rejection. */
export type OpenFileReply = { readonly file: OpenedFile } | { readonly error: string } | null;

/** The main process's answer to a save request: the saved file's base name, or null when cancelled. */
export type SaveFileReply = { readonly saved: string } | { readonly error: string } | null;

/** A file the window offers to save; main asks where (native dialog) and writes it. */
export interface SaveRequest {
  /** Base name proposed in the dialog; its extension picks the dialog's filter. */
  readonly name: string;
  readonly bytes: Uint8Array;
}

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
  /** Shows a native save dialog and writes the bytes; resolves the saved name, or null when cancelled. */
  saveFile(request: SaveRequest): Promise<string | null>;
  /** Shows a native open dialog for a session (.convgrad); resolves null when cancelled. */
  openSession(): Promise<OpenedSession | null>;
  /** Subscribes to menu events; returns the unsubscribe function. */
  onMenu(listener: (event: MenuEvent) => void): () => void;
}

/** The only keys `window.convgrad` has; the Electron e2e test checks this. */
export const BRIDGE_KEYS: readonly (keyof ConvGradBridge)[] = ['platform', 'versions', 'openFile', 'saveFile', 'openSession', 'onMenu'];

export const IPC = {
  openFile: 'convgrad:open-file',
  saveFile: 'convgrad:save-file',
  openSession: 'convgrad:open-session',
  menu: 'convgrad:menu',
} as const;

/** Files the window may save, by extension: what the export and session code write. */
export const SAVE_EXTENSIONS = ['convgrad', 'png', 'svg', 'npy', 'csv', 'zip', 'json'] as const;

/** Command-line switch through which main hands the app version to the sandboxed preload. */
export const APP_VERSION_SWITCH = '--convgrad-app-version=';

declare global {
  interface Window {
    convgrad?: ConvGradBridge;
  }
}
