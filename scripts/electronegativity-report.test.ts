import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isBlocking, parseCsv, parseReport } from './electronegativity-report';

const fixture = (name: string) =>
  readFile(path.join(import.meta.dirname, 'fixtures', name), 'utf8');

describe('the electronegativity gate', () => {
  it('passes the built app as it stands: a LOW CSP review and the preload review', async () => {
    const findings = parseReport(await fixture('electronegativity-clean.csv'));
    expect(findings.map((finding) => [finding.issue, finding.severity])).toEqual([
      ['CSP_GLOBAL_CHECK', 'LOW'],
      ['PRELOAD_JS_CHECK', 'MEDIUM'],
    ]);
    expect(findings.filter(isBlocking)).toEqual([]);
  });

  it('blocks a disabled sandbox or an openExternal call', async () => {
    const findings = parseReport(await fixture('electronegativity-unsafe.csv'));
    expect(findings.filter(isBlocking).map((finding) => finding.issue)).toEqual([
      'SANDBOX_JS_CHECK',
      'OPEN_EXTERNAL_JS_CHECK',
    ]);
    expect(findings[2].sample).toBe(
      'const window = new BrowserWindow({ webPreferences: { sandbox: false, "a": 1 } });',
    );
  });

  it('reads quoted fields with commas, quotes and line breaks', () => {
    expect(parseCsv('a,"b, c","say ""hi""",d\r\n"x\ny",z')).toEqual([
      ['a', 'b, c', 'say "hi"', 'd'],
      ['x\ny', 'z'],
    ]);
  });

  it('refuses a report that is not electronegativity CSV', () => {
    expect(() => parseReport('hello\nworld\n')).toThrow(/no "issue" column/);
  });
});
