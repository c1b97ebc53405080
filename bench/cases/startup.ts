// What a user's first run pays that the warm figures leave out: starting the CLI's threads, and
// the first (cold) forward+VJP of a fresh process against the same computation warm.
import { Worker } from 'node:worker_threads';
import { NumericalPool } from '../../src/cli/numerical-pool';
import { analyze } from '../../src/core/conv/analyze';
import type { DType } from '../../src/core/problem/types';
import { forwardMadds, vjpMadds, type ConvShape } from '../madds';
import { benchProblem } from '../problems';
import { convgradTiming, type Row } from '../row';
import { measure, median } from '../timing';
import { shapeLabel, square, type BenchCase } from './case';

const THREAD_START_TARGET_MS = 50;
const STARTS = 7;

/**
 * Threads that run nothing, `count` spawned at once as the pool spawns its own, each from spawn to
 * its first message: what Node itself takes to start them on this machine.
 */
async function bareThreadsMs(count: number): Promise<number[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const t0 = performance.now();
      const worker = new Worker("require('node:worker_threads').parentPort.postMessage(0)", { eval: true, execArgv: [] });
      await new Promise((resolve) => worker.once('message', resolve));
      const ms = performance.now() - t0;
      await worker.terminate();
      return ms;
    }),
  );
}

/**
 * The CLI pool's threads from spawn to loaded (the built core imported, ready to build a job) and
 * to ready (job built, Y computed), for a 256²·5×5 problem, two threads at a time as on this
 * machine; each start is a new pool, as each CLI run starts its own.
 */
export function threadStartCase(threads = 2): BenchCase {
  return {
    scipy: [],
    async run(): Promise<Row> {
      const problem = benchProblem(square(256, 5), 'f64');
      const loaded: number[] = [];
      const ready: number[] = [];
      const bare: number[] = [];
      // Alternated, a pool's start then bare threads': this machine's speed drifts over seconds,
      // and two series run one after the other compared the drift as much as the threads.
      for (let i = 0; i < STARTS; i++) {
        const pool = NumericalPool.start(problem, { numerical: 'full' }, threads, { worthwhile: 0, callerTakesPart: false });
        const starts = await pool.started();
        pool.close();
        loaded.push(...starts.map((s) => s.loadedMs));
        ready.push(...starts.map((s) => s.readyMs));
        bare.push(...(await bareThreadsMs(threads)));
      }
      const median_ms = median(loaded);
      return {
        id: `cli-thread-start-${threads}`,
        title: `CLI pool: a thread's start, ${threads} at once (spawn to core loaded)`,
        convgrad: {
          median_ms,
          samples_ms: loaded,
          // Not observable per thread from here; the wall time of an idle start is what the CLI waits for.
          median_cpu_ms: median_ms,
          warmup_ms: loaded[0],
          madds: 0,
          madd_per_ns: 0,
          parts: { 'to job built (256²·5×5, Y included)': median(ready) },
        },
        references: [{ label: `a bare Node worker thread, ${threads} at once (spawn to first message)`, ms: median(bare) }],
        target: { text: `≤ ${THREAD_START_TARGET_MS} ms per thread`, met: median_ms <= THREAD_START_TARGET_MS, basis: 'the issue' },
      };
    },
  };
}

/**
 * Forward+VJP through analyze() in this fresh process: the first run is what a CLI run meets
 * (cold: tiering, fresh memory), the median of the later runs the warm figure.
 */
export function coldForwardVjpCase(shape: ConvShape, dtype: DType, ratio = 2): BenchCase {
  const madds = forwardMadds(shape) + vjpMadds(shape);
  return {
    scipy: [],
    run(): Row {
      const problem = benchProblem(shape, dtype);
      const timing = measure(() => void analyze(problem));
      const cold = timing.warmup_ms;
      return {
        id: `cold-forward-vjp-${dtype}-${shape.h}x${shape.w}-${shape.k}x${shape.l}`,
        title: `forward+VJP ${dtype} ${shapeLabel(shape)}, first run of a fresh process vs warm`,
        convgrad: convgradTiming(timing, madds, { 'cold / warm': cold / timing.median_ms }),
        references: [],
        target: { text: `cold ≤ ${ratio}× warm`, met: cold <= ratio * timing.median_ms, basis: 'the issue (the cold column against the ConvGrad column)' },
      };
    },
  };
}
