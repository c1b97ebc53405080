// Tick values and labels for a colour legend: a few round numbers across a linear domain,
// powers of ten across a log domain (thinned so labels never collide).
import { format, scaleLinear } from 'd3';
import type { ColorMap } from './colormap';

export interface LegendTicks {
  readonly values: number[];
  readonly format: (v: number) => string;
}

const MAX_LOG_TICKS = 6;

export function legendTicks(map: ColorMap): LegendTicks {
  const [lo, hi] = map.domain;
  if (map.kind === 'log') {
    const first = Math.ceil(Math.log10(lo));
    const last = Math.floor(Math.log10(hi));
    const step = Math.max(1, Math.ceil((last - first + 1) / MAX_LOG_TICKS));
    const values: number[] = [];
    for (let e = first; e <= last; e += step) values.push(10 ** e);
    return { values, format: (v) => `1e${Math.round(Math.log10(v))}` };
  }
  const values = scaleLinear().domain([lo, hi]).ticks(5);
  const magnitude = Math.max(Math.abs(lo), Math.abs(hi));
  const label = magnitude >= 1e4 || magnitude < 1e-2 ? format('.1e') : format('~g');
  return { values, format: (v) => label(v) };
}
