import { BUG_NAMES, COLOUR_RANGES } from '../core/problem/options';
import { PRESET_NAMES } from '../core/problem/presets';
import { DEFAULT_MAX_ELEMENTS, formatCount } from '../core/problem/budget';
import { RANGES, type IntegerRange } from '../core/problem/ranges';
import { IMAGE_EXTENSIONS } from '../formats/file-kinds';
import type { CommandName } from './grammar';
import { DEFAULT_RENDER_MAPS, RENDER_FORMATS, RENDER_MAPS } from './render-maps';

const range = ({ min, max }: IntegerRange): string => `${min} to ${formatCount(max)}`;

const PROBLEM_OPTIONS = `Inputs (arrays: .npy .csv .tsv .txt .json; images: .${IMAGE_EXTENSIONS.join(' .')}, read as PIL does)
  --x FILE                 input, (H,W), (C,H,W) or (N,C,H,W) (required unless --npz holds it)
  --npz FILE               a numpy .npz with the problem and the gradients under test: x, w, [b],
                           grad or target, dx, dw, settings (docs/FORMATS.md); options given win
  --image-mode MODE        luma|rgb|r|g|b: how images become arrays (default luma)
  --w FILE|PRESET          kernel, (K,L) or (Cout,Cin,K,L) (default sobel-x); presets:
                           ${PRESET_NAMES.filter((n) => !n.startsWith('random')).join(', ')}, random:KxL[:seed]
  --bias FILE              bias, (Cout)
Loss
  --loss linear|l2         L = sum(G * Y) (default) or 0.5 * sum((act(Y) - T)^2)
  --grad ones|random[:seed]|FILE   G = dL/dY for the linear loss (default ones)
  --activation identity|relu|tanh|sigmoid   l2 only (default identity)
  --target zeros|FILE      T for the l2 loss (default zeros)
Convolution
  --op conv|xcorr          true convolution (kernel mirrored, default) or cross-correlation
  --padding seed|valid|same|full|T,B,L,R   (default seed: K-1 rows, L-1 columns after the image;
                           each T,B,L,R ${range(RANGES.padding)})
  --padding-mode zeros|reflect|replicate|circular   (default zeros)
  --stride S|SH,SW         (default 1; ${range(RANGES.stride)})
  --dilation D|DH,DW       (default 1; ${range(RANGES.dilation)})
  --max-elements N         largest array, file or derived buffer, in elements (default
                           ${formatCount(DEFAULT_MAX_ELEMENTS)}; ${range(RANGES.maxElements)})
Gradient under test (default: ConvGrad's own VJP)
  --analytic-dx FILE       dL/dX computed elsewhere
  --analytic-dw FILE       dL/dW computed elsewhere
  --inject NAME            a deliberately wrong backward pass (not with --analytic-dx/-dw):
                           ${BUG_NAMES.join(', ')}`;

const CHECK_USAGE = `Usage: convgrad check --x FILE [options]
       convgrad check --session FILE.convgrad [check options]

Computes Y = X * W, the analytic gradients dL/dX, dL/dW (dL/db) and a finite-difference
gradient, and compares them. Full documentation: docs/CLI.md.

${PROBLEM_OPTIONS}
Session
  --session FILE           a session saved by the app (.convgrad): its problem, check settings and
                           gradient under test, so the results equal the app's bit for bit; check
                           options given here win, problem options are refused
Check
  --dtype f64|f32          working precision (default f64)
  --compare-dtypes         run the check in f64 and in f32 (each with its own default h and
                           tolerance unless given) and report both; fails if either fails
  --numerical full|fast|none   full numerical gradient, random directional checks, or none (default full)
  --directions N           fast only: random directions per gradient (default 4)
  --seed S                 fast only: seed of the random directions (default 0)
  --method central|forward|backward   finite difference (default central)
  --h H                    finite-difference step, used as given (default: 1e-6 for f64, 1e-3 for f32,
                           scaled per gradient by its largest value and shrunk per element where
                           truncation dominates)
  --kink-convention zero|one|any   where a difference crosses ReLU's kink (with a target):
                           relu'(0)=0 as PyTorch (default), relu'(0)=1, or any value between
  --reference              numerical gradient by re-running the whole forward pass (slow; small inputs)
  --atol A, --rtol R       pass if |analytic - numerical| <= atol + rtol*|numerical| + error bar
                           (default 1e-5, 1e-3 for f64; 1e-2, 1e-2 for f32; a default atol
                           shrinks with a gradient smaller than 1)
Output
  --out DIR                write Y.npy, dX.npy, dW.npy, [db.npy], *_num.npy, *_err.npy,
                           *_errbar.npy, report.json
  --json                   print report.json on stdout instead of the summary
  --help                   show this help

Options also accept --name=value. Exit status: 0 gradients agree (or not checked with
--numerical none), 1 a discrepancy was found, 2 bad input or usage, 3 internal error,
4 inconclusive (some element's error bar or kink interval too wide to judge it).
`;

const SWEEP_USAGE = `Usage: convgrad sweep --x FILE [options]

The step-size study: the finite-difference error against the analytic gradient for a range of
steps h (on a seeded sample of elements), and with --taylor the Taylor test. Full
documentation: docs/CLI.md.

${PROBLEM_OPTIONS}
Sweep
  --dtype f64|f32          working precision (default f64)
  --method central|forward|backward   finite difference (default central)
  --hs FROM:TO:COUNT|h1,h2,...   steps: COUNT points from 10^FROM to 10^TO, or a list (default -1:-13:25)
  --h H                    the check's step, marked "chosen" (default 1e-6 for f64, 1e-3 for f32)
  --elements N             elements sampled per gradient at each step (default 256)
  --seed S                 seed of the element sample and the Taylor directions (default 0)
  --taylor                 also run the Taylor test: |L(p+hv) - L(p) - h<g,v>| against h
Output
  --out DIR                write sweep.csv and sweep.json
  --json                   print sweep.json on stdout instead of the table
  --help                   show this help

Options also accept --name=value. Exit status: 0 done (a sweep has no verdict),
2 bad input or usage, 3 internal error.
`;

const RENDER_USAGE = `Usage: convgrad render --x FILE --out DIR [options]
       convgrad render --session FILE.convgrad --out DIR [options]

Writes the app's maps as the files its "Export…" writes for the same problem: PNG with one
pixel per element (or k×k), in the heatmap's colours, and SVG with axes, title and legend.
Takes every option of 'convgrad check' but --json and --compare-dtypes; the numerical gradient
is computed only for the maps that need it. Full documentation: docs/CLI.md.

Maps
  --out DIR                where the files go (required), named as the app names them:
                           <map>[-plane<k>][-x<scale>].png, <map>[-plane<k>].svg
  --maps LIST              comma-separated map names, as the app's export names its files
                           (default ${DEFAULT_RENDER_MAPS.join(',')}); any of
                           ${RENDER_MAPS.join(',')}
  --format LIST            ${RENDER_FORMATS.join(', ')} or ${RENDER_FORMATS.join(',')} (default ${RENDER_FORMATS.join(',')})
  --scale K                PNG pixels per element along each axis, nearest (${range(RANGES.scale)}; default 1)
  --plane K                only plane K (counted over the leading axes) of every map
                           (default: every plane)
  --range ${COLOUR_RANGES.join('|')}      colour scale: every value (default), or clipped to the central 99%
                           as the app's "robust" colour range
Problem, session and check options: see 'convgrad check --help'.

Exit status: 0 the files are written (whatever the check's verdict), 2 bad input or usage,
3 internal error.
`;

/** The help of one command, or of all. */
export function usage(command?: CommandName): string {
  if (command === 'check') return CHECK_USAGE;
  if (command === 'sweep') return SWEEP_USAGE;
  if (command === 'render') return RENDER_USAGE;
  return `${CHECK_USAGE}\n${SWEEP_USAGE}\n${RENDER_USAGE}`;
}
