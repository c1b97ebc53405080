// What the maps show and how: the spaces of the analysed problem, the plane picked per space,
// the zoom shared by maps of one size, the hovered and the marked element. A choice belongs to
// the shape (or plot size, or image) it was made for, so a new shape starts over without an
// effect resetting anything: the getters simply stop returning choices made for another shape.
import { zoomIdentity, type ZoomTransform } from 'd3';
import type { GradientName } from '../../core/problem/types';
import { footprintRects } from '../lib/footprint-outline';
import type { ColourRange } from '../../core/problem/options';
import { spacesOf, type Space, type SpaceSpec, type Tested } from '../../export/maps';
import type { Overlay } from '../lib/overlay';
import { leadingShape, planeAt, planeIndex } from '../../export/planes';
import { geometryOf } from '../lib/problem-size';
import { readoutOf } from '../lib/readout';
import { fieldOf, outputsReading, reachTables, type Cell } from '../lib/receptive';
import { centreOn, fitPlane, PLOT_SIZE, plotSizeFor, zoomForPixelSize } from '../lib/view';
import type { CheckSession } from './check-session.svelte';

/** A picked element is shown at least this many CSS pixels wide. */
const PICK_PIXEL_SIZE = 14;

export interface SpaceCell {
  readonly space: Space;
  readonly cell: Cell;
}

/** A choice kept with the shape of the space it was made in. */
interface Shaped<T> {
  readonly shape: string;
  readonly value: T;
}

const sizeKey = (spec: SpaceSpec) => spec.maps[0].tensor.shape.slice(-2).join('x');
const shapeKey = (spec: SpaceSpec) => spec.maps[0].tensor.shape.join('x');

export class ViewState {
  #check: CheckSession;
  #imageCount: () => number;

  /** Width of the results column, measured by the page. */
  resultsWidth = $state(0);
  /** How the colour scales of signed maps are set (error maps always span their values on a log scale). */
  colourRange = $state<ColourRange>('full');
  #planes = $state.raw<Partial<Record<Space, Shaped<number>>>>({});
  /** Zoom per plane size ("HxW"), for the plot size it was made at. */
  #transforms = $state.raw<{ plot: number; bySize: Record<string, ZoomTransform> }>({ plot: PLOT_SIZE, bySize: {} });
  #hover = $state.raw<Shaped<SpaceCell> | null>(null);
  #marked = $state.raw<(Shaped<SpaceCell> & { image: number }) | null>(null);

  constructor(check: CheckSession, imageCount: () => number) {
    this.#check = check;
    this.#imageCount = imageCount;
  }

  /** The numerical comparison of the shown problem, once computed. */
  readonly compared = $derived.by(() => (this.#check.numerical.status === 'done' ? this.#check.numerical.result : undefined));

  /** A derived string of its own, so progress reports (a new numerical state each) do not rebuild the maps. */
  readonly #pending = $derived.by(() =>
    this.#check.numerical.status === 'running' ? 'computing the numerical gradient…' : 'numerical gradient not computed',
  );

  readonly spaces = $derived.by((): SpaceSpec[] => {
    const shown = this.#check.analysed;
    const analysis = this.#check.analysis;
    if (!shown || !analysis) return [];
    const tested: Tested = {};
    for (const g of ['dX', 'dW'] as const) {
      const t = analysis.tested?.[g];
      if (t && shown.tested) tested[g] = { tensor: t, title: shown.tested.titles[g] };
    }
    return spacesOf(shown.problem.x, shown.problem.w, analysis, this.compared, this.#pending, tested);
  });

  readonly #shapes = $derived(Object.fromEntries(this.spaces.map((s) => [s.space, shapeKey(s)])) as Partial<Record<Space, string>>);
  readonly geometry = $derived.by(() => (this.#check.analysed ? geometryOf(this.#check.analysed.problem) : undefined));
  readonly #reach = $derived(this.geometry ? reachTables(this.geometry) : undefined);
  readonly plot = $derived(this.resultsWidth > 0 ? plotSizeFor(this.resultsWidth) : PLOT_SIZE);

  #current<T extends { space: Space }>(choice: Shaped<T> | null): T | null {
    return choice && this.#shapes[choice.value.space] === choice.shape ? choice.value : null;
  }

  get hover(): SpaceCell | null {
    return this.#current(this.#hover);
  }

  set hover(value: SpaceCell | null) {
    this.#hover = value && { shape: this.#shapes[value.space] ?? '', value };
  }

  get marked(): SpaceCell | null {
    const marked = this.#marked;
    return marked && marked.image === this.#imageCount() ? this.#current(marked) : null;
  }

  #mark(value: SpaceCell): void {
    this.#marked = { shape: this.#shapes[value.space] ?? '', value, image: this.#imageCount() };
  }

  plane(space: Space): number {
    const chosen = this.#planes[space];
    return chosen && chosen.shape === this.#shapes[space] ? chosen.value : 0;
  }

  setPlane(space: Space, k: number): void {
    this.#planes = { ...this.#planes, [space]: { shape: this.#shapes[space] ?? '', value: k } };
  }

  transformOf(spec: SpaceSpec): ZoomTransform {
    const t = this.#transforms;
    return (t.plot === this.plot && t.bySize[sizeKey(spec)]) || zoomIdentity;
  }

  setTransform(spec: SpaceSpec, transform: ZoomTransform): void {
    const bySize = this.#transforms.plot === this.plot ? this.#transforms.bySize : {};
    this.#transforms = { plot: this.plot, bySize: { ...bySize, [sizeKey(spec)]: transform } };
  }

  #overlayFor(space: Space): Overlay {
    const hover = this.hover;
    const reach = this.#reach;
    const geometry = this.geometry;
    let overlay: Overlay = {};
    if (hover?.space === space) overlay = { hover: hover.cell };
    if (hover && reach && geometry) {
      if (hover.space === 'x' && space === 'y') overlay = { linked: outputsReading(reach, hover.cell.row, hover.cell.col) };
      if (hover.space === 'y' && space === 'x') {
        const field = fieldOf(geometry, hover.cell.row, hover.cell.col);
        overlay = { window: field.window, linked: field.taps };
      }
    }
    const footprint = this.#footprintOf(space);
    if (footprint.length) overlay = { ...overlay, footprint };
    const marked = this.marked;
    return marked?.space === space ? { ...overlay, marked: marked.cell } : overlay;
  }

  /** Where the diagnosis of the space's gradient says it is wrong, on the shown plane. */
  #footprintOf(space: Space) {
    const gradient = space === 'x' ? 'dX' : space === 'w' ? 'dW' : undefined;
    const f = gradient && this.compared?.[gradient]?.diagnosis?.footprint;
    const spec = this.spaces.find((s) => s.space === space);
    if (!f || !spec) return [];
    const t = spec.maps[0].tensor;
    const plane = planeAt(t, 0);
    return footprintRects(f, leadingShape(t), this.plane(space), plane.height, plane.width);
  }

  readonly overlays = $derived({ x: this.#overlayFor('x'), y: this.#overlayFor('y'), w: this.#overlayFor('w') });

  readonly readout = $derived.by(() => {
    const hover = this.hover;
    if (!hover) return undefined;
    const spec = this.spaces.find((s) => s.space === hover.space);
    return spec ? readoutOf(spec, this.plane(hover.space), hover.cell) : undefined;
  });

  /** Shows element `index` of a gradient: its plane, marked, zoomed in when it would be too small to see. */
  pick(gradient: GradientName, index: number[]): void {
    const space: Space = gradient === 'dX' ? 'x' : 'w';
    const spec = this.spaces.find((s) => s.space === space);
    if (!spec) return;
    const t = spec.maps[0].tensor;
    const cell = { row: index[index.length - 2], col: index[index.length - 1] };
    this.setPlane(space, planeIndex(leadingShape(t), index.slice(0, -2)));
    this.#mark({ space, cell });
    const plane = planeAt(t, 0);
    const fit = fitPlane(plane.height, plane.width, this.plot);
    // A small map already shows the element large enough: marking it is enough.
    if (fit.scale >= PICK_PIXEL_SIZE) return;
    this.setTransform(spec, centreOn(fit, this.transformOf(spec), cell.row, cell.col, zoomForPixelSize(fit, PICK_PIXEL_SIZE), this.plot));
  }
}
