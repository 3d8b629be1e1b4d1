import { expect } from 'vitest';
import type { SandboxCli } from './cli-sandbox';
import { robotBrowser } from './robot-browser';
import { ADA } from './sandbox-helpers';

/** `tokenbench authorize` for the demo client with the profile scope; the test plays the browser. */
export const AUTHORIZE_DEMO: readonly string[] = [
  'authorize',
  '--client',
  'demo',
  '--scope',
  'AaaServer.profile.Read',
  '--no-open',
];

/** `tokenbench authorize` for the demo client, Accepted as Ada by the robot browser, `count` times in a row. */
export async function consentsThroughCli(env: SandboxCli, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const robot = robotBrowser({ userZuid: ADA, decision: 'accept' });
    const running = env.cli.start(AUTHORIZE_DEMO);
    running.child.stdin.end();
    await robot.open(await running.line(/^http/));
    const result = await running.done;
    expect(result.code, result.stderr).toBe(0);
  }
}
