import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args';
import type { CliOptions } from '../../src/cli/check-args';
import { CliError } from '../../src/cli/cli-error';
import { DEFAULT_CONV, defaultStep, defaultTolerance } from '../../src/worker/core/defaults';

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
      h: defaultStep('f64'),
      numerical: 'full',
      reference: false,
      tolerance: defaultTolerance('f64'),
      json: false,
    });
    expect(o.out).toBeUndefined();
    expect(o.bias).toBeUndefined();
  });

  it('uses the float32 step and tolerance with --dtype f32 unless given', () => {
    expect(options('--dtype', 'f32')).toMatchObject({ h: defaultStep('f32'), tolerance: defaultTolerance('f32') });
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

  it('recognizes help', () => {
    expect(parseArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseArgs(['check', '--help'])).toEqual({ kind: 'help', command: 'check' });
    expect(parseArgs(['check', '--stride', '0', '--help'])).toEqual({ kind: 'help', command: 'check' });
    expect(parseArgs(['sweep', '--help'])).toEqual({ kind: 'help', command: 'sweep' });
  });

  it.each([
    [['check', '--x', 'a.npy', '--stride', '0'], '--stride: must be >= 1, got 0'],
    [['check', '--x', 'a.npy', '--stride', '1,0'], '--stride: must be >= 1, got 0'],
    [['check', '--x', 'a.npy', '--dilation=0'], '--dilation: must be >= 1, got 0'],
    [['check', '--x', 'a.npy', '--stride', '1.5'], "--stride: each value must be an integer, got '1.5'"],
    [['check', '--x', 'a.npy', '--stride', '1,2,3'], "--stride: must be N or NH,NW, got '1,2,3'"],
    [['check', '--x', 'a.npy', '--padding', '1,2'], "--padding: must be seed|valid|same|full or T,B,L,R (four integers), got '1,2'"],
    [['check', '--x', 'a.npy', '--padding', '1,2,-1,0'], '--padding: must be >= 0, got -1'],
    [['check', '--x', 'a.npy', '--bogus', '1'], "--bogus: unknown option (see 'convgrad check --help')"],
    [['check', '--x', 'a.npy', '--json=yes'], '--json: takes no value'],
    [['check', '--x', 'a.npy', '--x', 'b.npy'], '--x: given more than once'],
    [['check', '--x'], '--x: missing value'],
    [['check', '--x', '--json'], '--x: missing value'],
    [['check'], '--x: required (the input array or image)'],
    [['check', '--x='], '--x: empty value'],
    [['check', '--x', 'a.npy', '--op', 'corr'], "--op: must be one of conv|xcorr, got 'corr'"],
    [['check', '--x', 'a.npy', '--dtype', 'f16'], "--dtype: must be one of f64|f32, got 'f16'"],
    [['check', '--x', 'a.npy', '--h', '0'], '--h: must be > 0, got 0'],
    [['check', '--x', 'a.npy', '--h', 'abc'], "--h: must be a finite number, got 'abc'"],
    [['check', '--x', 'a.npy', '--atol', '-1'], '--atol: must be >= 0, got -1'],
    [['check', '--x', 'a.npy', '--rtol', 'Infinity'], "--rtol: must be a finite number, got 'Infinity'"],
    [['check', '--x', 'a.npy', '--grad', 'random:x'], "--grad: the seed must be an integer, got 'x'"],
    [['check', '--x', 'a.npy', '--target', 't.npy'], '--target: only applies with --loss l2'],
    [['check', '--x', 'a.npy', '--activation', 'relu'], '--activation: only applies with --loss l2'],
    [['check', '--x', 'a.npy', '--loss', 'l2', '--grad', 'ones'], '--grad: only applies with --loss linear (l2 derives G from Y and the target)'],
    [['check', '--x', 'a.npy', '--numerical', 'none', '--analytic-dx', 'd.npy'], "--numerical: 'none' leaves nothing to check --analytic-dx/--analytic-dw against"],
    [['check', 'x.npy'], "unexpected argument 'x.npy' (options start with --)"],
    [['frobnicate'], "unknown command 'frobnicate' (the commands are 'check' and 'sweep')"],
  ])('rejects %j with one line naming the option', (argv, line) => {
    expect(failure(argv)).toBe(line);
  });
});
