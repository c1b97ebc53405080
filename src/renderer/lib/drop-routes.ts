// Where dropped files go. One .npz is a whole problem; several files land by their names (the
// .npz key names: x.npy, w.npy, grad.npy, dx.npy, dw.npy, …); a single file goes to the panel it
// was dropped on, else by its name, else it is X.
import { extensionOf, IMAGE_EXTENSIONS } from '../../formats/file-kinds';
import { isNpzFile, NPZ_KEYS, type NpzSlot } from '../../formats/npz';
import type { Slot } from './accept';

/** An input slot, a gradient under test, or a whole problem. */
export type DropTarget = { readonly kind: 'slot'; readonly slot: Slot } | { readonly kind: 'tested'; readonly gradient: 'dX' | 'dW' } | { readonly kind: 'npz' };

const FROM_KEY: Partial<Record<NpzSlot, DropTarget>> = {
  x: { kind: 'slot', slot: 'image' },
  w: { kind: 'slot', slot: 'kernel' },
  grad: { kind: 'slot', slot: 'grad' },
  target: { kind: 'slot', slot: 'target' },
  dx: { kind: 'tested', gradient: 'dX' },
  dw: { kind: 'tested', gradient: 'dW' },
};

const KNOWN = Object.keys(FROM_KEY).join(', ');

/** The target a file's name stands for (`dx.npy`, `weight.csv`, …), if any. */
function byName(name: string): DropTarget | undefined {
  const base = name.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '').toLowerCase();
  const slot = (Object.keys(NPZ_KEYS) as NpzSlot[]).find((s) => (NPZ_KEYS[s] as readonly string[]).includes(base));
  return slot ? FROM_KEY[slot] : undefined;
}

/** A target per file, or why the files cannot be placed (one line). */
export function dropRoutes(names: readonly string[], zone?: Slot): DropTarget[] | { error: string } {
  if (names.some(isNpzFile)) {
    return names.length === 1 ? [{ kind: 'npz' }] : { error: 'drop a .npz on its own: it holds a whole problem' };
  }
  if (names.length === 1) return [zone ? { kind: 'slot', slot: zone } : (byName(names[0]) ?? { kind: 'slot', slot: 'image' })];
  const routes: DropTarget[] = [];
  const images = names.filter((n) => IMAGE_EXTENSIONS.includes(extensionOf(n)));
  for (const name of names) {
    const target = byName(name) ?? (images.length === 1 && images[0] === name ? { kind: 'slot', slot: 'image' } : undefined);
    if (!target) return { error: `${name}: cannot tell where it goes; name the files ${KNOWN} (or drop one on its panel)` };
    const same = routes.findIndex((r) => JSON.stringify(r) === JSON.stringify(target));
    if (same >= 0) return { error: `${names[same]} and ${name} both go to the same place` };
    routes.push(target);
  }
  return routes;
}
