// Playwright fixtures: a served copy of a fixture corpus (or of files a test writes), and the editor page open on it.
import { test as base, expect } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EditorPage } from './editor-page';
import { serveCopy, type Served } from './serve';

export { expect };

interface Fixtures {
  /** Which folder under e2e/fixtures to serve. */
  corpus: string;
  /** HTTP statuses the test expects answers with (Chromium logs each as a console error). */
  expectedStatuses: number[];
  served: Served;
  editor: EditorPage;
}

export const test = base.extend<Fixtures>({
  corpus: ['corpus', { option: true }],
  expectedStatuses: [[], { option: true }],
  served: async ({ corpus }, use) => {
    const served = await serveCopy(path.resolve(import.meta.dirname, '../fixtures', corpus));
    await use(served);
    await served.stop();
  },
  editor: async ({ page, served, expectedStatuses }, use) => {
    // Anything the page logs as an error (a CSP violation, an exception) fails the test.
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const status = /status of (\d+)/.exec(message.text());
      if (status && expectedStatuses.includes(Number(status[1]))) return;
      problems.push(`console error: ${message.text()}`);
    });
    await page.goto(served.url);
    const editor = new EditorPage(page, served.folder);
    await expect(editor.view.or(page.getByTestId('refused-message'))).toBeVisible();
    await use(editor);
    expect(problems).toEqual([]);
  },
});

/**
 * Serves a corpus of these files (name → text, a name may hold folders), written to a temp folder, to the tests of the
 * calling file or describe block; the folder is removed after them. Tests run one by one across
 * workers, so a worker may leave the block (its afterAll runs) and come back to it: the files are
 * written again before each stay, as this module is not read again.
 */
export function useCorpusOf(files: Record<string, string>): void {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'emend-e2e-'));
  test.use({ corpus: folder });
  test.beforeAll(() => {
    mkdirSync(folder, { recursive: true });
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
      writeFileSync(path.join(folder, name), text);
    }
  });
  test.afterAll(() => rmSync(folder, { recursive: true, force: true }));
}
