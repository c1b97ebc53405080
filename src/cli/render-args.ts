// The options of `convgrad render` beyond those of `convgrad check` (whose problem, session and
// check options it takes as they are): which maps, in which files, drawn how.

import { COLOUR_RANGES, type ColourRange, type MapId } from '../core/problem/options';
import { RANGES } from '../core/problem/ranges';
import { resolveCheck, type CliOptions } from './check-args';
import { CliError } from './cli-error';
import { integerIn, oneOf, parsed, type Given } from './option-values';
import { DEFAULT_RENDER_MAPS, RENDER_FORMATS, RENDER_MAPS, type RenderFormat } from './render-maps';

/** The maps that need the numerical gradient: rendering one runs the full check. */
export function needsNumerical(id: MapId): boolean {
  return id.endsWith('-numerical') || id.endsWith('-error');
}

export interface RenderCliOptions extends CliOptions {
  readonly out: string;
  readonly maps: readonly MapId[];
  readonly formats: readonly RenderFormat[];
  /** PNG pixels per element along each axis. */
  readonly scale: number;
  /** The plane of every map to render; undefined: each of its planes. */
  readonly plane?: number;
  readonly range: ColourRange;
}

export function resolveRender(given: Given): RenderCliOptions {
  const check = resolveCheck(given);
  const out = check.out;
  if (out === undefined) throw new CliError('--out', 'required: the directory the map files are written to');
  const maps = parsed<readonly MapId[]>(given, 'maps', mapsArg, DEFAULT_RENDER_MAPS);
  const numerical = maps.find(needsNumerical);
  if (numerical && check.numerical !== 'full') {
    throw new CliError('--numerical', `'${check.numerical}' computes no numerical map, which ${numerical} needs; leave out --numerical or ${numerical}`);
  }
  const formats = parsed<readonly RenderFormat[]>(given, 'format', formatsArg, RENDER_FORMATS);
  if (given.scale !== undefined && !formats.includes('png')) throw new CliError('--scale', 'only applies to PNG files (--format png)');
  return {
    ...check,
    out,
    maps,
    formats,
    scale: parsed(given, 'scale', (text) => integerIn('--scale', text, RANGES.scale, 'the scale'), 1),
    plane: parsed<number | undefined>(given, 'plane', (text) => integerIn('--plane', text, RANGES.plane, 'the plane'), undefined),
    range: oneOf(given, 'range', COLOUR_RANGES, 'full'),
  };
}

/** A comma-separated list of items from `allowed`, each once. */
function listOf<T extends string>(option: string, text: string, allowed: readonly T[], why: (item: string) => string): T[] {
  const items = text.split(',').map((item) => item.trim());
  const unknown = items.find((item) => !(allowed as readonly string[]).includes(item));
  if (unknown !== undefined) throw new CliError(option, why(unknown));
  const repeated = items.find((item, i) => items.indexOf(item) !== i);
  if (repeated !== undefined) throw new CliError(option, `'${repeated}' given twice`);
  return items as T[];
}

function mapsArg(text: string): MapId[] {
  return listOf('--maps', text, RENDER_MAPS, (item) =>
    item.endsWith('-vs-vjp') ? `'${item}' (the comparison with ConvGrad's VJP) is drawn only in the app` : `unknown map '${item}'; the maps are ${RENDER_MAPS.join(',')}`,
  );
}

function formatsArg(text: string): RenderFormat[] {
  return listOf('--format', text, RENDER_FORMATS, (item) => `must be ${RENDER_FORMATS.join(', ')} or ${RENDER_FORMATS.join(',')}, got '${item}'`);
}
