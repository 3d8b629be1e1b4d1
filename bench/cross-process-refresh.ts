// "cross-process-refresh: 20 parallel CLI refreshes of one token against the sandbox, wall time over
// one CLI refresh in the same run (goal at most 3x: they share one request)" (issue 7 item 6). Every
// round of 20 must send exactly one request to the DC (its request log) and all 20 must exit 0.
import { availableParallelism } from 'node:os';
import type { Benchmark, BenchResult } from './run';
import { benchWorkspace, median, type CliRun } from './support/bench-workspace';

const PARALLEL = 20;
const ROUNDS = 3;

async function run(): Promise<BenchResult> {
  const ws = await benchWorkspace({ onTmpfs: true });
  try {
    const self = ws.sandbox.clients.self;
    const added = await ws.cli(
      [
        'client',
        'add',
        '--name',
        'self',
        '--dc',
        'sandbox-us',
        '--type',
        'self',
        '--client-id',
        self.clientId,
      ],
      `${self.clientSecret}\n`,
    );
    if (added.code !== 0) throw new Error(`client add failed: ${added.stderr}`);
    const exchanged = await ws.cli(['exchange', '--client', 'self', '--json'], await ws.selfCode());
    if (exchanged.code !== 0) throw new Error(`exchange failed: ${exchanged.stderr}`);
    const rt = (JSON.parse(exchanged.stdout) as { refreshToken: { id: string } }).refreshToken.id;
    const refresh = ['refresh', '--client', 'self', '--refresh-token', rt];
    // One warm-up (the CLI bundle, the disk cache), then single and parallel rounds in turn, so both
    // meet the machine in the same state. 3 + 3 requests + the exchange's token: within 10 per 10 min.
    await ws.cli(['status']);
    const single: number[] = [];
    const parallel: number[] = [];
    const requests: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const one = await ws.cli(refresh);
      if (one.code !== 0) throw new Error(`refresh failed: ${one.stderr}`);
      single.push(one.ms);
      const before = await ws.tokenCalls();
      const began = performance.now();
      const runs: CliRun[] = await Promise.all(Array.from({ length: PARALLEL }, () => ws.cli(refresh)));
      parallel.push(performance.now() - began);
      requests.push((await ws.tokenCalls()) - before);
      const failed = runs.filter((r) => r.code !== 0);
      if (failed.length > 0)
        throw new Error(`${failed.length} of ${PARALLEL} failed: ${failed[0]?.stderr ?? ''}`);
    }
    // The floor on this machine: 20 CLI processes that only start and stop, against one.
    const floorOne = (await ws.cli(['--version'])).ms;
    const floorStart = performance.now();
    await Promise.all(Array.from({ length: PARALLEL }, () => ws.cli(['--version'])));
    const floorMany = performance.now() - floorStart;
    const ratio = median(parallel) / median(single);
    return {
      ratio,
      detail:
        `${PARALLEL} parallel CLI refreshes ${median(parallel).toFixed(0)} ms vs one ${median(single).toFixed(0)} ms ` +
        `(median of ${ROUNDS}); requests at the DC per round of ${PARALLEL}: ${requests.join(', ')}; ` +
        `the floor, ${PARALLEL} parallel \`tokenbench --version\` ${floorMany.toFixed(0)} ms vs one ${floorOne.toFixed(0)} ms ` +
        `(${(floorMany / floorOne).toFixed(1)}x) on ${String(availableParallelism())} cores`,
      goal: 3,
    };
  } finally {
    await ws.close();
  }
}

export const crossProcessRefresh: Benchmark = { name: 'cross-process-refresh', run };
