import { existsSync, renameSync } from 'node:fs';

/** SQLite's companion files; they belong to the main file and move with it. */
const COMPANIONS = ['-wal', '-shm', '-journal'] as const;

export interface Quarantined {
  /** Where the damaged workspace.db now is. */
  readonly quarantinedTo: string;
  /** Every file moved, main file first, each as `from → to`. */
  readonly moved: readonly { readonly from: string; readonly to: string }[];
}

/**
 * Moves a damaged workspace aside, never deleting it: the user (or support) may still recover data
 * from it. Companions keep their suffix on the new name (`…corrupt-<time>-wal`) because SQLite pairs
 * a -wal with its database by name. The timestamp has no colons: Windows forbids them in file names.
 */
export function quarantine(file: string, at: number): Quarantined {
  const target = freeName(`${file}.corrupt-${new Date(at).toISOString().replaceAll(':', '-')}`);
  const moved = [{ from: file, to: target }];
  renameSync(file, target);
  for (const suffix of COMPANIONS) {
    const from = `${file}${suffix}`;
    if (!existsSync(from)) continue;
    const to = `${target}${suffix}`;
    renameSync(from, to);
    moved.push({ from, to });
  }
  return { quarantinedTo: target, moved };
}

/** Two damaged files in the same millisecond (two processes) must not overwrite each other. */
function freeName(base: string): string {
  let candidate = base;
  for (let n = 2; existsSync(candidate); n += 1) candidate = `${base}-${n}`;
  return candidate;
}
