// Turns a bench TypeScript module into a classic browser script that calls one of its exports.
import { readFileSync } from 'node:fs';
import ts from 'typescript';

/**
 * The module at `file` (no imports; types only from elsewhere) compiled by TypeScript alone, so no
 * runtime helpers leak in, wrapped so that it runs `exported(...args)` where it is loaded.
 */
export function browserScript(file: string, exported: string, ...args: unknown[]): string {
  const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS },
  });
  const call = `exports[${JSON.stringify(exported)}](...${JSON.stringify(args)});`;
  return `(() => {\nconst exports = {};\n${outputText}\n${call}\n})();\n`;
}
