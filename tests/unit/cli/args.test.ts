import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/cli/args';
import type { CliOptions } from '../../../src/cli/check-args';
import { CliError } from '../../../src/cli/cli-error';
import { DEFAULT_CONV, DEFAULT_STEP, defaultTolerance } from '../../../src/core/problem/defaults';
import { DEFAULT_SWEEP_ELEMENTS, DEFAULT_SWEEP_HS } from '../../../src/core/study/sweep-steps';

function options(...argv: string[]): CliOptions {
  const command = parseArgs(['check', '--x', 'x.npy', ...argv]);
  if (command.kind !== 'check') throw new Error('expected a check command');
  return command.options;
}

/** The one-line error `convgrad: <subject>: <message>` would print. */
function failure(argv: string[]): string {
  try {
    parseArgs(argv);
  } catch (error) {
    if (error instanceof CliError) return error.line;
    throw error;
  }
  throw new Error(`parseArgs accepted ${argv.join(' ')}`);
}

describe('parseArgs', () => {
  it("fills in the core's defaults", () => {
    const o = options();
    expect(o).toMatchObject({
      x: 'x.npy',
      w: { kind: 'preset', spec: 'sobel-x' },
      loss: 'linear',
      grad: { kind: 'ones' },
      imageMode: 'luma',
      conv: DEFAULT_CONV,
      dtype: 'f64',
      method: 'central',
      h: DEFAULT_STEP,
      numerical: 'full',
      reference: false,
      tolerance: defaultTolerance('f64'),
      json: false,
    });
    expect(o.out).toBeUndefined();
    expect(o.bias).toBeUndefined();
  });

  it('uses the float32 step and tolerance with --dtype f32 unless given', () => {
    expect(options('--dtype', 'f32')).toMatchObject({ h: DEFAULT_STEP, tolerance: defaultTolerance('f32') });
    expect(options('--dtype=f32', '--h=0.01', '--atol', '0')).toMatchObject({
      h: 0.01,
      tolerance: { atol: 0, rtol: defaultTolerance('f32').rtol },
    });
  });

  it('accepts --name value and --name=value alike', () => {
    const a = options('--stride', '2,3', '--dilation', '2', '--padding', '1,2,3,4', '--op', 'xcorr', '--padding-mode', 'reflect');
    const b = options('--stride=2,3', '--dilation=2', '--padding=1,2,3,4', '--op=xcorr', '--padding-mode=reflect');
    expect(a.conv).toEqual({ op: 'xcorr', padding: [1, 2, 3, 4], paddingMode: 'reflect', stride: [2, 3], dilation: [2, 2] });
    expect(b.conv).toEqual(a.conv);
  });

  it('tells kernel files from preset names', () => {
    expect(options('--w', 'gauss5').w).toEqual({ kind: 'preset', spec: 'gauss5' });
    expect(options('--w', 'random:5x3:9').w).toEqual({ kind: 'preset', spec: 'random:5x3:9' });
    expect(options('--w', 'k.npy').w).toEqual({ kind: 'file', path: 'k.npy' });
    expect(options('--w', 'dir/kernel').w).toEqual({ kind: 'file', path: 'dir/kernel' });
    // Unknown names stay presets, so the error is "unknown kernel preset", not "no such file".
    expect(options('--w', 'foo').w).toEqual({ kind: 'preset', spec: 'foo' });
  });

  it('parses --grad and the l2 options', () => {
    expect(options('--grad', 'random').grad).toEqual({ kind: 'random', seed: 0 });
    expect(options('--grad', 'random:42').grad).toEqual({ kind: 'random', seed: 42 });
    expect(options('--grad', 'g.csv').grad).toEqual({ kind: 'file', path: 'g.csv' });
    expect(options('--loss', 'l2', '--target', 't.npy', '--activation', 'tanh')).toMatchObject({
      loss: 'l2',
      target: { kind: 'file', path: 't.npy' },
      activation: 'tanh',
    });
    expect(options('--loss', 'l2').target).toEqual({ kind: 'zeros' });
  });

  it('takes flags and the remaining value options', () => {
    expect(options('--reference', '--json', '--numerical', 'fast', '--method', 'forward', '--out', 'res')).toMatchObject({
      reference: true,
      json: true,
      numerical: 'fast',
      method: 'forward',
      out: 'res',
    });
    expect(options('--analytic-dx', 'a.npy', '--analytic-dw', 'b.npy', '--bias', 'b.json', '--image-mode', 'rgb')).toMatchObject({
      analyticDx: 'a.npy',
      analyticDw: 'b.npy',
      bias: 'b.json',
      imageMode: 'rgb',
    });
  });

  it('resolves fast mode, the injected bug and the per-dtype settings of --compare-dtypes', () => {
    expect(options('--numerical', 'fast').fast).toEqual({ directions: 4, seed: 0 });
    expect(options('--numerical', 'fast', '--directions', '7', '--seed=3').fast).toEqual({ directions: 7, seed: 3 });
    expect(options().fast).toBeUndefined();
    expect(options('--inject', 'dw-not-mirrored').inject).toBe('dw-not-mirrored');
    expect(options().precision).toBeUndefined();
    expect(options('--compare-dtypes').precision).toEqual({
      f64: { h: DEFAULT_STEP, tolerance: defaultTolerance('f64') },
      f32: { h: DEFAULT_STEP, tolerance: defaultTolerance('f32') },
    });
    // What is given applies to both dtypes; the rest stays per dtype.
    expect(options('--compare-dtypes', '--h', '1e-4', '--rtol', '0.5').precision).toEqual({
      f64: { h: 1e-4, tolerance: { atol: defaultTolerance('f64').atol, rtol: 0.5 } },
      f32: { h: 1e-4, tolerance: { atol: defaultTolerance('f32').atol, rtol: 0.5 } },
    });
  });

  it('parses sweep with the shared problem options and its own defaults', () => {
    const command = parseArgs(['sweep', '--x', 'x.npy', '--w', 'gauss5', '--dtype', 'f32', '--loss', 'l2', '--taylor']);
    if (command.kind !== 'sweep') throw new Error('expected a sweep command');
    expect(command.options).toMatchObject({
      x: 'x.npy',
      w: { kind: 'preset', spec: 'gauss5' },
      loss: 'l2',
      dtype: 'f32',
      h: DEFAULT_STEP,
      hs: DEFAULT_SWEEP_HS,
      elements: DEFAULT_SWEEP_ELEMENTS,
      seed: 0,
      taylor: true,
      json: false,
    });
    const steps = (hs: string) => {
      const c = parseArgs(['sweep', '--x', 'x.npy', '--hs', hs]);
      return c.kind === 'sweep' ? c.options.hs : [];
    };
    expect(steps('-2:-4:3')).toEqual([1e-2, 1e-3, 1e-4]);
    expect(steps('-4:-2:3')).toEqual([1e-4, 1e-3, 1e-2]);
    expect(steps('1e-3,5e-4,0.1')).toEqual([1e-3, 5e-4, 0.1]);
    expect(steps('0.01')).toEqual([0.01]);
  });

  it('recognizes help', () => {
    expect(parseArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseArgs(['check', '--help'])).toEqual({ kind: 'help', command: 'check' });
    expect(parseArgs(['check', '--stride', '0', '--help'])).toEqual({ kind: 'help', command: 'check' });
    expect(parseArgs(['sweep', '--help'])).toEqual({ kind: 'help', command: 'sweep' });
  });

  it.each([
    [['check', '--x', 'a.npy', '--stride', '0'], '--stride: each value must be 1 to 100,000, got 0'],
    [['check', '--x', 'a.npy', '--stride', '1,0'], '--stride: each value must be 1 to 100,000, got 0'],
    [['check', '--x', 'a.npy', '--dilation=0'], '--dilation: each value must be 1 to 100,000, got 0'],
    [['check', '--x', 'a.npy', '--h', '0x10'], "--h: must be a finite decimal number, got '0x10'"],
    [['check', '--x', 'a.npy', '--h', '0b11'], "--h: must be a finite decimal number, got '0b11'"],
    [['check', '--x', 'a.npy', '--stride', '0x2'], "--stride: each value must be an integer in decimal digits, got '0x2'"],
    [['check', '--x', 'a.npy', '--padding', '2147483647,0,0,0'], '--padding: each value must be 0 to 100,000, got 2147483647'],
    [['check', '--x', 'a.npy', '--dilation', '9007199254740991'], '--dilation: each value must be 1 to 100,000, got 9007199254740991'],
    [['check', '--x', 'a.npy', '--numerical', 'fast', '--directions', '1000000000'], '--directions: the number of directions must be 1 to 100,000, got 1000000000'],
    [['check', '--x', 'a.npy', '--max-elements', '10'], '--max-elements: the element limit must be 1024 to 2,147,483,647, got 10'],
    [['check', '--x', 'a.npy', '--stride', '1.5'], "--stride: each value must be an integer in decimal digits, got '1.5'"],
    [['check', '--x', 'a.npy', '--stride', '1,2,3'], "--stride: must be N or NH,NW, got '1,2,3'"],
    [['check', '--x', 'a.npy', '--padding', '1,2'], "--padding: must be seed|valid|same|full or T,B,L,R (four integers), got '1,2'"],
    [['check', '--x', 'a.npy', '--padding', '1,2,-1,0'], '--padding: each value must be 0 to 100,000, got -1'],
    [['check', '--x', 'a.npy', '--bogus', '1'], "--bogus: unknown option (see 'convgrad check --help')"],
    [['check', '--x', 'a.npy', '--json=yes'], '--json: takes no value'],
    [['check', '--x', 'a.npy', '--x', 'b.npy'], '--x: given more than once'],
    [['check', '--x'], '--x: missing value'],
    [['check', '--x', '--json'], '--x: missing value'],
    [['check'], '--x: required (the input array or image), or --npz with x in it'],
    [['check', '--x='], '--x: empty value'],
    [['check', '--x', 'a.npy', '--op', 'corr'], "--op: must be one of conv|xcorr, got 'corr'"],
    [['check', '--x', 'a.npy', '--dtype', 'f16'], "--dtype: must be one of f64|f32, got 'f16'"],
    [['check', '--x', 'a.npy', '--h', '0'], '--h: must be > 0, got 0'],
    [['check', '--x', 'a.npy', '--h', 'abc'], "--h: must be a finite decimal number, got 'abc'"],
    [['check', '--x', 'a.npy', '--atol', '-1'], '--atol: must be >= 0, got -1'],
    [['check', '--x', 'a.npy', '--rtol', 'Infinity'], "--rtol: must be a finite decimal number, got 'Infinity'"],
    [['check', '--x', 'a.npy', '--grad', 'random:x'], "--grad: the seed must be an integer in decimal digits, got 'x'"],
    [['check', '--x', 'a.npy', '--target', 't.npy'], '--target: only applies with --loss l2'],
    [['check', '--x', 'a.npy', '--activation', 'relu'], '--activation: only applies with --loss l2'],
    [['check', '--x', 'a.npy', '--loss', 'l2', '--grad', 'ones'], '--grad: only applies with --loss linear (l2 derives G from Y and the target)'],
    [['check', '--x', 'a.npy', '--numerical', 'none', '--analytic-dx', 'd.npy'], "--numerical: 'none' leaves nothing to check --analytic-dx/--analytic-dw against"],
    [['check', '--x', 'a.npy', '--inject', 'off-by-two'], "--inject: unknown bug 'off-by-two'; one of kernel-not-mirrored, padding-off-by-one, kernel-transposed, seed-unpad, stride-ignored, dilation-ignored, dw-not-mirrored, channels-swapped"],
    [['check', '--x', 'a.npy', '--inject', 'seed-unpad', '--analytic-dw', 'w.npy'], '--inject: checks the injected gradients; it cannot be combined with --analytic-dx/--analytic-dw'],
    [['check', '--x', 'a.npy', '--numerical', 'none', '--inject', 'seed-unpad'], "--numerical: 'none' leaves nothing to check --inject against"],
    [['check', '--x', 'a.npy', '--directions', '3'], '--directions: only applies with --numerical fast'],
    [['check', '--x', 'a.npy', '--seed', '3'], '--seed: only applies with --numerical fast'],
    [['check', '--x', 'a.npy', '--numerical', 'fast', '--directions', '0'], '--directions: the number of directions must be 1 to 100,000, got 0'],
    [['check', '--x', 'a.npy', '--numerical', 'fast', '--directions', '2.5'], "--directions: the number of directions must be an integer in decimal digits, got '2.5'"],
    [['check', '--x', 'a.npy', '--numerical', 'fast', '--seed', '-1'], '--seed: the seed must be 0 to 4,294,967,295, got -1'],
    [['check', '--x', 'a.npy', '--compare-dtypes', '--dtype', 'f32'], '--compare-dtypes: runs the check in both f64 and f32; leave out --dtype'],
    [['check', '--x', 'a.npy', '--hs', '1e-3'], "--hs: unknown option (see 'convgrad check --help')"],
    [['sweep', '--x', 'a.npy', '--numerical', 'fast'], "--numerical: unknown option (see 'convgrad sweep --help')"],
    [['sweep', '--x', 'a.npy', '--hs', '-1:-3'], "--hs: must be FROM:TO:COUNT (log10 exponents) or h1,h2,..., got '-1:-3'"],
    [['sweep', '--x', 'a.npy', '--hs', '-1:-3:0'], '--hs: COUNT must be 1 to 1,000, got 0'],
    [['sweep', '--x', 'a.npy', '--hs', '-1:x:5'], "--hs: must be a finite decimal number, got 'x'"],
    [['sweep', '--x', 'a.npy', '--hs', '-1:-13:5000'], '--hs: COUNT must be 1 to 1,000, got 5000'],
    [['sweep', '--x', 'a.npy', '--hs', '-1:-400:3'], '--hs: the exponents give a step of 0, outside the range of double precision'],
    [['sweep', '--x', 'a.npy', '--hs', '1e-3,-1e-4'], '--hs: must be > 0, got -1e-4'],
    [['sweep', '--x', 'a.npy', '--elements', '0'], '--elements: the number of elements must be 1 to 1,000,000, got 0'],
    [['sweep', '--x', 'a.npy', '--inject', 'seed-unpad', '--analytic-dx', 'd.npy'], '--inject: checks the injected gradients; it cannot be combined with --analytic-dx/--analytic-dw'],
    [['sweep'], '--x: required (the input array or image), or --npz with x in it'],
    [['check', 'x.npy'], "unexpected argument 'x.npy' (options start with --)"],
    [['frobnicate'], "unknown command 'frobnicate' (the commands are 'check', 'sweep', 'render')"],
  ])('rejects %j with one line naming the option', (argv, line) => {
    expect(failure(argv)).toBe(line);
  });
});
