// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import VerdictPanel from '../../../src/renderer/components/verdict/VerdictPanel.svelte';
import type { GradientSummary } from '../../../src/core/problem/types';

afterEach(cleanup);

const summary = (pass: boolean, worst: GradientSummary['worst']): GradientSummary => ({
  pass,
  max_abs: pass ? 1e-10 : 0.5,
  max_rel: pass ? 1e-9 : 0.2,
  rms: 1e-11,
  failing: pass ? 0 : 3,
  count: 100,
  nonfinite: 0,
  kinks: 0,
  worst,
});

const worstElement = { index: [2, 7, 9], analytic: 1.5, numerical: 1.0, abs: 0.5, rel: 1 / 3 };

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
