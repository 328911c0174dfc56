// Finds import circles among the project's modules, type-only imports and re-exports included.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const SOURCE = /\.(ts|svelte)$/;
const SKIPPED_FOLDERS = new Set(['node_modules', 'out', 'dist']);
/** How a relative specifier may name a file: as written, or without its extension. */
const SUFFIXES = ['', '.ts', '.svelte.ts', '.svelte', '/index.ts'];

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await fs.readdir(folder, { withFileTypes: true });
  const files = await Promise.all(
    entries.map(async (entry) => {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : sourceFiles(full);
      return SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
    }),
  );
  return files.flat();
}

/** The script of a Svelte component (both blocks), or a module's text as it is. */
function scriptOf(file: string, text: string): string {
  if (!file.endsWith('.svelte') || file.endsWith('.svelte.ts')) return text;
  return [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
}

/** The files a module imports by relative path (import, import type, export from, import()). */
function importsOf(file: string, text: string, known: ReadonlySet<string>): string[] {
  const { importedFiles } = ts.preProcessFile(scriptOf(file, text), true, true);
  return importedFiles.flatMap(({ fileName }) => {
    if (!fileName.startsWith('.')) return [];
    const base = path.resolve(path.dirname(file), fileName);
    const target = SUFFIXES.map((suffix) => base + suffix).find((name) => known.has(name));
    return target ? [target] : [];
  });
}

/**
 * Every import circle among the modules under folders: each as the files of one strongly
 * connected component of the import graph (relative to root, sorted), so one circle is named once.
 */
export async function importCircles(root: string, folders: readonly string[]): Promise<string[][]> {
  const files = (await Promise.all(folders.map((f) => sourceFiles(path.join(root, f))))).flat();
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files)
    graph.set(file, importsOf(file, await fs.readFile(file, 'utf8'), known));
  return stronglyConnected(graph)
    .filter((component) => component.length > 1 || graph.get(component[0])!.includes(component[0]))
    .map((component) => component.map((file) => path.relative(root, file)).sort())
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** Tarjan's strongly connected components, iteratively (no deep recursion on long chains). */
function stronglyConnected(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: Array<{ node: string; next: number }> = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const edges = graph.get(frame.node)!;
      if (frame.next < edges.length) {
        const target = edges[frame.next++];
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }
  return components;
}
