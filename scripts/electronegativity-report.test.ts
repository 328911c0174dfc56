import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isBlocking, readFindings } from './electronegativity-report';

const fixture = async (name: string): Promise<unknown> =>
  JSON.parse(await readFile(path.join(import.meta.dirname, 'fixtures', name), 'utf8'));

describe('the electronegativity gate', () => {
  it('passes the built app as it stands: a LOW CSP review and the preload review', async () => {
    const findings = readFindings(await fixture('electronegativity-clean.json'));
    expect(findings.map((finding) => [finding.issue, finding.severity])).toEqual([
      ['CSP_GLOBAL_CHECK', 'LOW'],
      ['PRELOAD_JS_CHECK', 'MEDIUM'],
    ]);
    expect(findings.filter(isBlocking)).toEqual([]);
  });

  it('blocks a disabled sandbox or an openExternal call', async () => {
    const findings = readFindings(await fixture('electronegativity-unsafe.json'));
    expect(findings.filter(isBlocking).map((finding) => finding.issue)).toEqual([
      'SANDBOX_JS_CHECK',
      'OPEN_EXTERNAL_JS_CHECK',
    ]);
    expect(findings[2].sample).toBe(
      'const window = new BrowserWindow({ webPreferences: { sandbox: false, "a": 1 } });',
    );
    expect(findings[2].location).toBe('2605:17');
  });

  it('refuses a result it cannot read with a message saying what is missing', () => {
    expect(() => readFindings('issue, severity\nCSP')).toThrow(/no list of issues/);
    expect(() => readFindings({ issues: [{ id: 'X', file: 'a.js' }] })).toThrow(
      /issue 1 has no "severity" level/,
    );
  });
});
