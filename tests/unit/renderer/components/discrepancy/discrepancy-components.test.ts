// @vitest-environment jsdom
// The discrepancy panel's plot and bug menu as a user reads and drives them.
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import LogLogPlot from '../../../../../src/renderer/components/discrepancy/LogLogPlot.svelte';
import SubjectPicker from '../../../../../src/renderer/components/discrepancy/SubjectPicker.svelte';
import SubjectSummary from '../../../../../src/renderer/components/discrepancy/SubjectSummary.svelte';
import type { BugChoice, SubjectCheck } from '../../../../../src/worker/discrepancy/discrepancy-protocol';

afterEach(cleanup);

describe('LogLogPlot', () => {
  const hs = [1e-1, 1e-3, 1e-5];
  const props = {
    id: 't',
    label: 'test plot',
    xLabel: 'h',
    yLabel: 'err',
    series: [
      { id: 'max', label: 'max', color: 'red', points: hs.map((h) => ({ x: h, y: h * h })) },
      // A zero cannot sit on a log axis: it is left out of the line but still read out.
      { id: 'med', label: 'median', color: 'blue', points: hs.map((h, i) => ({ x: h, y: i === 0 ? 0 : h })) },
    ],
    marks: [{ id: 'chosen', label: 'chosen h', color: 'black', x: 1e-3 }],
  };

  it('draws a point per plottable value and the marks', () => {
    const { container } = render(LogLogPlot, props);
    expect(container.querySelectorAll('[data-testid="series-max"] circle')).toHaveLength(3);
    expect(container.querySelectorAll('[data-testid="series-med"] circle')).toHaveLength(2);
    expect(screen.getByTestId('mark-chosen').textContent).toContain('chosen h');
  });

  it('reads values left to right with the arrow keys', async () => {
    render(LogLogPlot, props);
    const surface = screen.getByRole('application', { name: /test plot/ });
    await fireEvent.keyDown(surface, { key: 'ArrowRight' });
    // Leftmost on the axis is the smallest h, whatever the order of the points.
    expect(screen.getByTestId('readout-t').textContent).toContain('h = 1e-5');
    await fireEvent.keyDown(surface, { key: 'End' });
    const text = screen.getByTestId('readout-t').textContent ?? '';
    expect(text).toContain('h = 1e-1');
    expect(text).toContain('max 1e-2');
    expect(text).toContain('median 0');
  });
});

describe('SubjectPicker', () => {
  const menu: BugChoice[] = [
    { name: 'kernel-not-mirrored', title: 'Kernel not mirrored', explanation: 'No turn.', errorMap: 'Borders.', acts: 'dX' },
    { name: 'stride-ignored', title: 'Stride ignored', explanation: 'No spread.', errorMap: 'Corner.', acts: 'both', reason: 'the stride is 1' },
  ];
  const base = { menu, files: {}, onchoose: () => {}, onfile: () => {}, onunload: () => {}, onerror: () => {} };

  it('explains an applying bug and where it shows', () => {
    render(SubjectPicker, { ...base, choice: { kind: 'bug', bug: 'kernel-not-mirrored' } });
    expect(screen.getByTestId('bug-explanation').textContent).toBe('No turn.');
    expect(screen.getByTestId('bug-info').textContent).toContain('Borders.');
    expect(screen.queryByTestId('bug-reason')).toBeNull();
  });

  it('says why a bug does not apply, and marks it in the menu', async () => {
    const onchoose = vi.fn();
    render(SubjectPicker, { ...base, onchoose, choice: { kind: 'bug', bug: 'stride-ignored' } });
    expect(screen.getByTestId('bug-reason').textContent).toBe('Does not apply here: the stride is 1.');
    expect(screen.getByRole('option', { name: 'stride-ignored (does not apply here)' })).toBeTruthy();
    await fireEvent.change(screen.getByRole('combobox', { name: 'Injected bug' }), { target: { value: 'kernel-not-mirrored' } });
    expect(onchoose).toHaveBeenCalledWith({ kind: 'bug', bug: 'kernel-not-mirrored' });
  });
});

describe('SubjectSummary', () => {
  // Only the fields the summary reads; an inconclusive check once read FAIL here while the main
  // verdict said INCONCLUSIVE.
  const summary = { verdict: 'inconclusive', pass: false, max_abs: 1e-3, failing: 0, count: 9, nonfinite: 0, inconclusive: 2, kinked: 0, worst: [{ index: [1, 2] }] };
  const check = {
    dtype: 'f32',
    settings: { method: 'central', h: 1e-3, tolerance: { atol: 1e-2, rtol: 1e-2 } },
    verdict: 'inconclusive',
    gradients: { dW: { summary } },
    ms: 1,
  } as unknown as SubjectCheck;

  it('words an inconclusive check as the main verdict does, and its worst index shows it on the maps', async () => {
    const onpick = vi.fn();
    render(SubjectSummary, { check, titleOf: () => 'dL/dW', id: 'f32', onpick });
    const head = screen.getByTestId('disc-verdict-f32');
    expect(head.textContent).toContain('INCONCLUSIVE');
    expect(head.textContent).not.toContain('FAIL');
    expect(screen.getByTestId('disc-summary-f32-dW').textContent).toContain('inconclusive');
    await fireEvent.click(screen.getByRole('button', { name: /element 1,2/ }));
    expect(onpick).toHaveBeenCalledWith('dW', [1, 2]);
  });
});
