// The inputs panel's settings persist between launches: localStorage, which the desktop app
// keeps in its userData folder and the web build in the browser profile. Only settings are
// kept, never files: a setting that needs a file (a custom kernel, G or T from a file) falls
// back to its default.
import { SETTINGS_KEYS, type ProblemState } from './problem.svelte';

export const PREFERENCES_KEY = 'convgrad.settings.v1';

/** What is used of localStorage. */
export interface SettingsStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

type Settings = Record<string, Record<string, unknown>>;

/** The settings worth keeping: those that need a file are put back to what works without one. */
function keepable(problem: ProblemState): Settings {
  const settings = Object.fromEntries(SETTINGS_KEYS.map((key) => [key, { ...$state.snapshot(problem[key]) }])) as Settings;
  if (settings['kernelSettings']!['source'] === 'custom') settings['kernelSettings']!['source'] = 'preset';
  if (settings['lossSettings']!['grad'] === 'file') settings['lossSettings']!['grad'] = 'ones';
  if (settings['lossSettings']!['target'] === 'file') settings['lossSettings']!['target'] = 'zeros';
  return settings;
}

/** Applies stored settings field by field, each only if it has the type of the field it replaces. */
export function loadPreferences(problem: ProblemState, storage: SettingsStore): void {
  let stored: unknown;
  try {
    stored = JSON.parse(storage.getItem(PREFERENCES_KEY) ?? 'null');
  } catch {
    return;
  }
  if (!stored || typeof stored !== 'object') return;
  for (const key of SETTINGS_KEYS) {
    const saved = (stored as Settings)[key];
    if (!saved || typeof saved !== 'object') continue;
    const target = problem[key] as unknown as Record<string, unknown>;
    for (const [field, value] of Object.entries(saved)) {
      if (field in target && typeof value === typeof target[field] && (typeof value !== 'number' || Number.isFinite(value))) target[field] = value;
    }
  }
}

/** Loads the stored settings, then stores every change; returns the function that stops it. */
export function persistPreferences(problem: ProblemState, storage: SettingsStore): () => void {
  loadPreferences(problem, storage);
  return $effect.root(() => {
    $effect(() => {
      const settings = keepable(problem);
      try {
        storage.setItem(PREFERENCES_KEY, JSON.stringify(settings));
      } catch {
        // Storage full or disabled: settings are then kept for this session only.
      }
    });
  });
}
