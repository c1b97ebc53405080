// `convgrad render`: the app's maps as the files its "Export…" writes (PNG, one pixel per element,
// ×k nearest; SVG with axes, title and legend), for a problem given as `convgrad check` takes it.
// The maps, their colours and their files are the app's own modules (src/export), so the same
// problem gives the same bytes.

import { basename } from 'node:path';
import { gradientChecks } from '../core/check/check';
import { exportName, mapPng, mapSvgText, type MapView } from '../export/map-files';
import { spacesOf, testedMapTitle, type MapSpec, type Tested } from '../export/maps';
import { planeCount } from '../export/planes';
import { loadChecked } from './check-command';
import { checkIn } from './check-run';
import { CliError } from './cli-error';
import { EXIT, type Output } from './exit-status';
import { needsNumerical, type RenderCliOptions } from './render-args';
import { writeResultSet } from './write-results';

export async function renderCommand(given: RenderCliOptions, stdout: Output): Promise<number> {
  const { loaded, options } = await loadChecked(given);
  // Y and the analytic maps need no numerical gradient: the check then stops after the VJP.
  const numerical = options.maps.some(needsNumerical) ? options.numerical : 'none';
  const { result, plan, underTest } = await checkIn(loaded, { ...options, numerical }, options.dtype, { h: options.h, tolerance: options.tolerance });
  const tested: Tested = {};
  for (const [g, option] of [['dX', options.analyticDx], ['dW', options.analyticDw]] as const) {
    if (!underTest.analytic?.[g]) continue;
    const name = underTest.bug?.name ?? loaded.testedNames?.[g] ?? basename(option ?? g);
    tested[g] = { tensor: plan.analytic[g], title: testedMapTitle(g, name) };
  }
  const maps = spacesOf(plan.problem.x, plan.problem.w, plan.own, gradientChecks(result), 'not computed', tested).flatMap((space) => space.maps);
  const files = new Map<string, Uint8Array | string>();
  const drawn: string[] = [];
  for (const id of options.maps) {
    const map = maps.find((m) => m.id === id);
    if (!map || map.placeholder) throw new CliError('--maps', `${id} is not computed for this problem`);
    for (const plane of planesOf(map, options.plane)) {
      const view: MapView = { plane, atol: options.tolerance.atol, range: options.range };
      for (const format of options.formats) {
        files.set(exportName(map, plane, format, options.scale), format === 'png' ? mapPng(map, view, options.scale) : mapSvgText(map, view));
      }
    }
    drawn.push(`${id} (${map.title}, ${map.tensor.shape.join('×')})`);
  }
  await writeResultSet(options.out, files);
  stdout.write(`Rendered ${drawn.join('; ')}\n${files.size} file${files.size === 1 ? '' : 's'} in ${options.out}: ${[...files.keys()].join(' ')}\n`);
  return EXIT.pass;
}

/** The planes of a map to render: the one asked for, or each of them. */
function planesOf(map: MapSpec, plane: number | undefined): number[] {
  const count = planeCount(map.tensor);
  if (plane === undefined) return Array.from({ length: count }, (_, k) => k);
  if (plane >= count) throw new CliError(`--plane ${plane}`, `${map.id} has ${count === 1 ? 'one plane (0)' : `${count} planes (0 to ${count - 1})`}`);
  return [plane];
}
