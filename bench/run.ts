// `npm run bench`: runs every benchmark and prints one line each, `NAME: RATIO x (detail; goal)`.
// Each benchmark is a ratio against a reference measured in the same run (architecture.md, "Tests"),
// so the figure means the same on a fast or a slow machine. `npm run bench -- NAME` runs only NAME.
// A missed goal is printed, not failed: the exit code says only whether every benchmark ran.
// Several benchmarks run one after another, each in a process of its own, so none measures in the
// wake of another (ledger-scale leaves half a gigabyte of heap behind for the collector).
import { spawnSync } from 'node:child_process';
import { consoleScale } from './console-scale';
import { crossProcessRefresh } from './cross-process-refresh';
import { exchangeOverhead } from './exchange-overhead';
import { ledgerScale } from './ledger-scale';
import { storeScan } from './store-scan';
import { timelineScale } from './timeline-scale';
import { uiColdLoad } from './ui-cold-load';

export interface BenchResult {
  /** The measured figure over its reference; lower is better. */
  readonly ratio: number;
  /** What was measured, in a few words and numbers. */
  readonly detail: string;
  /** The ratio the benchmark must stay at or under. */
  readonly goal: number;
}

export interface Benchmark {
  /** kebab-case, printed first on its line. */
  readonly name: string;
  run(): BenchResult | Promise<BenchResult>;
}

const BENCHMARKS: readonly Benchmark[] = [
  ledgerScale,
  uiColdLoad,
  timelineScale,
  crossProcessRefresh,
  exchangeOverhead,
  storeScan,
  consoleScale,
];

export function formatResult(name: string, result: BenchResult): string {
  const verdict = result.ratio <= result.goal ? 'goal' : 'MISSED goal';
  return `${name}: ${result.ratio.toFixed(2)}x (${result.detail}; ${verdict} <= ${result.goal}x)`;
}

async function main(only: readonly string[]): Promise<number> {
  const chosen = only.length === 0 ? BENCHMARKS : BENCHMARKS.filter((b) => only.includes(b.name));
  if (chosen.length === 0) {
    console.log(`no benchmark named ${only.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
    return 1;
  }
  if (chosen.length > 1) {
    const failed = chosen.filter(
      (b) =>
        spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', b.name], { stdio: 'inherit' })
          .status !== 0,
    );
    return failed.length === 0 ? 0 : 1;
  }
  let errors = 0;
  for (const benchmark of chosen) {
    try {
      console.log(formatResult(benchmark.name, await benchmark.run()));
    } catch (error: unknown) {
      errors += 1;
      console.log(`${benchmark.name}: ERROR (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  return errors === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
