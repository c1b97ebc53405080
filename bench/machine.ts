import { execFileSync } from 'node:child_process';
import os from 'node:os';

/** What a benchmark number depends on besides the code: recorded with every run. */
export interface MachineFacts {
  readonly cpu: string;
  readonly cores: number;
  readonly node: string;
  readonly platform: string;
  /** 1, 5 and 15 minute load averages at the start: other work on a 2-core box skews timings. */
  readonly loadavg: number[];
  readonly commit: string;
  /** The core had uncommitted changes, so `commit` alone does not identify what was measured. */
  readonly coreDirty: boolean;
  readonly date: string;
}

function git(args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

export function machineFacts(): MachineFacts {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    loadavg: os.loadavg().map((v) => Math.round(v * 100) / 100),
    commit: git(['rev-parse', '--short', 'HEAD']) ?? 'unknown',
    coreDirty: (git(['status', '--porcelain', '--', 'src/core']) ?? '') !== '',
    date: new Date().toISOString(),
  };
}
