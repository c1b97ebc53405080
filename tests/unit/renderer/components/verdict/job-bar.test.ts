// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import JobBar from '../../../../../src/renderer/components/verdict/JobBar.svelte';

afterEach(cleanup);

const base = { analysing: false, estimate: 2, autoLimit: 15, onrun: () => {}, oncancel: () => {} };

describe('JobBar', () => {
  it('shows percent, elapsed and remaining time while running, and cancels', async () => {
    const oncancel = vi.fn();
    // Started after 1 s, then a quarter in 2 s: 6 s for the rest, and 0.5 s after the last element.
    const reports = [0, 1, 2, 3, 4].map((i) => ({ done: 62.5 * i, total: 1000, elapsedMs: 1000 + 500 * i }));
    render(JobBar, { ...base, finishSeconds: 0.5, oncancel, state: { status: 'running', startedAt: performance.now(), progress: reports[4], reports } });
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('25');
    const text = screen.getByTestId('progress-text').textContent ?? '';
    expect(text).toContain('25%');
    expect(text).toContain('3.0 s elapsed');
    expect(text).toContain('6.5 s left');
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(oncancel).toHaveBeenCalledOnce();
  });

  it('shows no time left until the rate can be trusted', () => {
    // 0.5 s and 1% in: extrapolating would say 50 s, mostly start-up costs.
    const progress = { done: 10, total: 1000, elapsedMs: 500 };
    render(JobBar, { ...base, state: { status: 'running', startedAt: performance.now() - 500, progress, reports: [{ done: 0, total: 1000, elapsedMs: 100 }, progress] } });
    const text = screen.getByTestId('progress-text').textContent ?? '';
    expect(text).toContain('estimating time left');
    expect(text).not.toMatch(/\d s left/);
  });

  it('says what the job does before its first report and after its last', () => {
    const { unmount } = render(JobBar, { ...base, state: { status: 'running', startedAt: performance.now(), progress: null, reports: [] } });
    expect(screen.getByTestId('progress-text').textContent).toContain('Starting the helpers');
    unmount();
    const done = { done: 1000, total: 1000, elapsedMs: 4000 };
    render(JobBar, { ...base, state: { status: 'running', startedAt: performance.now() - 4000, progress: done, reports: [done] } });
    expect(screen.getByTestId('progress-text').textContent).toContain('comparing');
    expect(screen.getByTestId('progress-text').textContent).not.toMatch(/left/);
  });

  it('offers to run a job that is too long to start by itself, with its estimate', async () => {
    const onrun = vi.fn();
    render(JobBar, { ...base, onrun, estimate: 200, state: { status: 'idle' } });
    expect(screen.getByTestId('job-bar').textContent).toContain('Downscale or crop');
    await fireEvent.click(screen.getByRole('button', { name: /Run numerical check \(≈3 min 20 s\)/ }));
    expect(onrun).toHaveBeenCalledOnce();
  });

  it('cannot start while the analysis is still running', () => {
    render(JobBar, { ...base, analysing: true, state: { status: 'cancelled' } });
    expect(screen.getByRole('button', { name: /Run numerical check/ }).hasAttribute('disabled')).toBe(true);
  });
});
