// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import VerdictPanel from '../../../../../src/renderer/components/verdict/VerdictPanel.svelte';
import type { GradientSummary } from '../../../../../src/core/problem/types';

afterEach(cleanup);

const summary = (pass: boolean, worst: GradientSummary['worst'], verdict: GradientSummary['verdict'] = pass ? 'pass' : 'fail'): GradientSummary => ({
  verdict,
  pass,
  atol: 1e-5,
  rtol: 1e-3,
  max_abs: pass ? 1e-10 : 0.5,
  max_rel: pass ? 1e-9 : 0.2,
  rel_floor: 1e-5,
  rel_count: 100,
  rms: 1e-11,
  failing: pass ? 0 : 3,
  inconclusive: verdict === 'inconclusive' ? 2 : 0,
  count: 100,
  nonfinite: 0,
  kinked: 0,
  interval: 0,
  max_errbar: 1e-9,
  scale: 2,
  worst,
});

const worstElement = { index: [2, 7, 9], analytic: 1.5, numerical: 1.0, abs: 0.5, rel: 1 / 3, errbar: 1e-9, spread: 0, judged: 'fail' as const };

describe('VerdictPanel', () => {
  it('is pending until there are summaries', () => {
    render(VerdictPanel, { summaries: undefined, tolerance: { atol: 1e-5, rtol: 1e-3 }, loss: undefined, onpick: () => {} });
    expect(screen.getByTestId('verdict').dataset.verdict).toBe('pending');
  });

  it('fails overall when one gradient fails, and shows its counts', () => {
    render(VerdictPanel, {
      summaries: { dX: summary(false, [worstElement]), dW: summary(true, []) },
      tolerance: { atol: 1e-5, rtol: 1e-3 },
      loss: 3,
      onpick: () => {},
    });
    expect(screen.getByTestId('verdict').dataset.verdict).toBe('fail');
    expect(screen.getByTestId('summary-dX').dataset.pass).toBe('false');
    expect(screen.getByTestId('summary-dW').dataset.pass).toBe('true');
    expect(screen.getByTestId('summary-dX').textContent).toContain('3 / 100');
  });

  it('is inconclusive when no gradient fails but one could not be judged, and states the pass rule with its numbers', () => {
    render(VerdictPanel, {
      summaries: { dX: summary(false, [], 'inconclusive'), dW: summary(true, []) },
      tolerance: { atol: 1e-5, rtol: 1e-3 },
      loss: 3,
      convention: 'any',
      onpick: () => {},
    });
    expect(screen.getByTestId('verdict').dataset.verdict).toBe('inconclusive');
    expect(screen.getByTestId('summary-dX').dataset.gradientVerdict).toBe('inconclusive');
    const rule = screen.getByTestId('pass-rule').textContent ?? '';
    expect(rule).toContain('atol + rtol·|numerical| + its error bar + its kink interval');
    expect(rule).toContain('atol dX 1.00e-5, dW 1.00e-5, rtol 0.001');
    expect(rule).toContain('Kinks: any subgradient (interval)');
  });

  it('marks a verdict that no longer matches the inputs as stale, and shows none for invalid settings', () => {
    const props = { summaries: { dX: summary(true, []) }, tolerance: { atol: 1e-5, rtol: 1e-3 }, loss: 3, onpick: () => {} };
    const stale = render(VerdictPanel, { ...props, stale: true });
    expect(screen.getByTestId('verdict').dataset.verdict).toBe('stale');
    expect(screen.getByTestId('stale-badge').textContent).toContain('STALE · was PASS');
    stale.unmount();
    render(VerdictPanel, { ...props, invalid: true });
    expect(screen.getByTestId('verdict').dataset.verdict).toBe('invalid');
    expect(screen.queryByTestId('summary-dX')).toBeNull();
    expect(screen.getByTestId('no-verdict')).toBeTruthy();
  });

  it('clicking a worst element reports its gradient and full index', async () => {
    const onpick = vi.fn();
    render(VerdictPanel, {
      summaries: { dX: summary(false, [worstElement]) },
      tolerance: { atol: 1e-5, rtol: 1e-3 },
      loss: 1,
      onpick,
    });
    await fireEvent.click(screen.getByRole('button', { name: /dL\/dX element 2,7,9/ }));
    expect(onpick).toHaveBeenCalledWith('dX', [2, 7, 9]);
  });
});
