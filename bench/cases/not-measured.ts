import type { Row } from '../row';

/** What the issue asks to measure but does not exist yet: listed, never faked. */
export function notMeasuredRows(): Row[] {
  const row = (id: string, title: string, needs: string, target?: string): Row => ({
    id,
    title,
    references: [],
    notMeasured: `needs: ${needs}`,
    ...(target ? { target: { text: target, met: null, basis: 'the issue' } } : {}),
  });
  return [
    row('fft-path', 'forward+VJP 1024²·11×11 through an FFT', 'an FFT path in the core (direct path measured above)'),
  ];
}
