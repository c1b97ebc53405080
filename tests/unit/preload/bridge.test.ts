// Runs the real preload (src/preload/index.ts) against a stand-in for 'electron' and checks
// what the page would get: exactly the bridge's members, validated and unwrapped.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_VERSION_SWITCH, BRIDGE_KEYS, IPC, type ConvGradBridge, type MenuEvent } from '../../../src/preload/api';

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  listeners: new Map<string, Set<(...args: unknown[]) => void>>(),
  invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => null),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => electron.exposed.set(key, value) },
  ipcRenderer: {
    invoke: electron.invoke,
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      const set = electron.listeners.get(channel) ?? new Set();
      set.add(listener);
      electron.listeners.set(channel, set);
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => electron.listeners.get(channel)?.delete(listener),
  },
}));

let bridge: ConvGradBridge;

beforeAll(async () => {
  process.argv.push(`${APP_VERSION_SWITCH}9.8.7`);
  await import('../../../src/preload/index');
  bridge = electron.exposed.get('convgrad') as ConvGradBridge;
});

describe('preload bridge', () => {
  it('exposes only window.convgrad with exactly the contract keys', () => {
    expect([...electron.exposed.keys()]).toEqual(['convgrad']);
    expect(Object.keys(bridge).sort()).toEqual([...BRIDGE_KEYS].sort());
    expect(bridge.versions.app).toBe('9.8.7');
    expect(bridge.platform).toBe(process.platform);
  });

  it('refuses unknown kinds without asking main, and unwraps replies', async () => {
    await expect(bridge.openFile('secrets' as never)).rejects.toThrow('openFile: unknown file kind "secrets"');
    expect(electron.invoke).not.toHaveBeenCalled();

    electron.invoke.mockResolvedValueOnce(null);
    await expect(bridge.openFile('image')).resolves.toBeNull();
    const file = { kind: 'kernel', name: 'k.npy', bytes: Uint8Array.of(1) };
    electron.invoke.mockResolvedValueOnce({ file });
    await expect(bridge.openFile('kernel')).resolves.toEqual(file);
    electron.invoke.mockResolvedValueOnce({ error: 'big.png: file is 600 MB, larger than the 512 MB limit' });
    await expect(bridge.openFile('image')).rejects.toThrow('big.png: file is 600 MB, larger than the 512 MB limit');
    expect(electron.invoke).toHaveBeenCalledWith(IPC.openFile, 'image');
  });

  it('saves only files of the known kinds, and unwraps replies', async () => {
    electron.invoke.mockClear();
    const bytes = Uint8Array.of(1, 2);
    await expect(bridge.saveFile({ name: 'run.exe', bytes })).rejects.toThrow(/saveFile: cannot save "run.exe"/);
    await expect(bridge.saveFile({ name: 'a.png', bytes: 'x' as never })).rejects.toThrow('saveFile: bytes must be a Uint8Array');
    expect(electron.invoke).not.toHaveBeenCalled();
    electron.invoke.mockResolvedValueOnce({ saved: 'results.zip' });
    await expect(bridge.saveFile({ name: 'results.zip', bytes })).resolves.toBe('results.zip');
    expect(electron.invoke).toHaveBeenCalledWith(IPC.saveFile, { name: 'results.zip', bytes });
    electron.invoke.mockResolvedValueOnce(null);
    await expect(bridge.saveFile({ name: 's.convgrad', bytes })).resolves.toBeNull();
    electron.invoke.mockResolvedValueOnce({ error: 's.convgrad: cannot write file (EACCES)' });
    await expect(bridge.saveFile({ name: 's.convgrad', bytes })).rejects.toThrow('s.convgrad: cannot write file (EACCES)');
    electron.invoke.mockResolvedValueOnce({ session: { name: 's.convgrad', bytes } });
    await expect(bridge.openSession()).resolves.toEqual({ name: 's.convgrad', bytes });
  });

  it('delivers menu events without the IPC event object, until unsubscribed', () => {
    const received: unknown[][] = [];
    const unsubscribe = bridge.onMenu((...args) => received.push(args));
    const event: MenuEvent = { type: 'file-error', kind: 'grad', message: 'g.npy: cannot read file (EACCES)' };
    const emit = () => electron.listeners.get(IPC.menu)?.forEach((l) => l({ sender: 'ipc internals' }, event));
    emit();
    unsubscribe();
    emit();
    expect(received).toEqual([[event]]);
  });
});
