// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import KernelGrid from '../../../../../src/renderer/components/inputs/KernelGrid.svelte';

afterEach(cleanup);

describe('KernelGrid', () => {
  it('shows every tap in full, never rounded', () => {
    const data = Float64Array.of(0.015625, 1 / 3, -2, 1e-7);
    render(KernelGrid, { plane: { height: 2, width: 2, data }, caption: 'kernel', onedit: () => {} });
    const value = (label: string) => (screen.getByLabelText(label) as unknown as { value: string }).value;
    expect(value('w[0,0]')).toBe('0.015625');
    expect(value('w[0,1]')).toBe('0.3333333333333333');
    expect(Number(value('w[0,1]'))).toBe(1 / 3);
    expect(value('w[1,0]')).toBe('-2');
    expect(value('w[1,1]')).toBe('1e-7');
  });
});
