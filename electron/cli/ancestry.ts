// Whether the processes that started this one are still there: on Linux the whole chain of parents (from /proc), elsewhere the parent.
import { readFileSync } from 'node:fs';

/** A process's parent as /proc tells it, or null when the process is gone (or there is no /proc). */
function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (command) state ppid ...": the command may hold spaces and parentheses, so read after the last ")".
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/**
 * Takes note of this process's ancestors (each with its parent) and returns a check that is true
 * while they are all alive with the same parents. A killed ancestor cannot tell its children, so
 * this is how a server started by `npm run` learns that npm itself was killed: the shell between
 * them lives on. Init (pid 1) and, without /proc, everything above the parent are not watched.
 */
export function watchAncestors(): () => boolean {
  const chain: Array<[pid: number, parent: number]> = [];
  for (let pid = process.ppid; pid > 1 && chain.length < 64;) {
    const parent = parentOf(pid);
    if (parent === null) break;
    chain.push([pid, parent]);
    pid = parent;
  }
  const parent = process.ppid;
  if (chain.length === 0) return () => process.ppid === parent;
  return () => process.ppid === parent && chain.every(([pid, was]) => parentOf(pid) === was);
}
