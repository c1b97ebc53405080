import { PRESET_NAMES } from '../worker/core/presets';

export const USAGE = `Usage: convgrad check --x FILE [options]

Computes Y = X * W, the analytic gradients dL/dX, dL/dW (dL/db) and a finite-difference
gradient, and compares them. Full documentation: docs/CLI.md.

Inputs (arrays: .npy .csv .tsv .txt .json; images: .png .jpg .jpeg)
  --x FILE                 input, (H,W), (C,H,W) or (N,C,H,W) (required)
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
  --padding seed|valid|same|full|T,B,L,R   (default seed: K-1 rows, L-1 columns after the image)
  --padding-mode zeros|reflect|replicate|circular   (default zeros)
  --stride S|SH,SW         (default 1)
  --dilation D|DH,DW       (default 1)
Check
  --dtype f64|f32          working precision (default f64)
  --numerical full|fast|none   full numerical gradient, random directional checks, or none (default full)
  --method central|forward|backward   finite difference (default central)
  --h H                    finite-difference step (default 1e-6 for f64, 1e-3 for f32)
  --reference              numerical gradient by re-running the whole forward pass (slow; small inputs)
  --atol A, --rtol R       pass if |analytic - numerical| <= atol + rtol*|numerical|
                           (default 1e-5, 1e-3 for f64; 1e-2, 1e-2 for f32)
  --analytic-dx FILE       check this dL/dX (computed elsewhere) instead of ConvGrad's own
  --analytic-dw FILE       check this dL/dW (computed elsewhere) instead of ConvGrad's own
Output
  --out DIR                write Y.npy, dX.npy, dW.npy, [db.npy], *_num.npy, *_err.npy, report.json
  --json                   print report.json on stdout instead of the summary
  --help                   show this help

Options also accept --name=value. Exit status: 0 gradients agree, 1 a discrepancy was found,
2 bad input or usage, 3 internal error.
`;
