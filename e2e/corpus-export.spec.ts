// Export from the app under `emend serve`: it downloads, and the bytes are the CLI's (a corpus as the host's streamed zip).
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { serveCopy } from './support/serve';
import { expect, test } from './support/test';

test.use({ corpus: 'consistency' });

const bin = path.resolve(import.meta.dirname, '../bin/emend.js');
const emend = (args: string[]) =>
  execFileSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });

/**
 * Exports the whole corpus from the dialog in format (options set by choose) and checks the zip it
 * downloads holds the very files `emend export --out` writes, and that it came from the host's stream;
 * `notice`, when given, must be shown once the download starts (notices fade after a few seconds).
 */
async function exportMatchesCli(
  page: Page,
  folder: string,
  format: string,
  cliOptions: string[],
  choose: () => Promise<unknown> = async () => {},
  notice?: string,
): Promise<string[]> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'emend-export-e2e-'));
  try {
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.getByRole('radio', { name: /whole corpus/ }).check();
    await dialog.getByRole('combobox', { name: 'Format' }).selectOption(format);
    await choose();
    const streamed = page.waitForResponse((response) => response.url().includes('/api/archive?'));
    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    expect((await streamed).status()).toBe(200);
    const download = await downloading;
    if (notice) await expect(page.getByText(notice)).toBeVisible();
    expect(download.suggestedFilename()).toBe(`${path.basename(folder)}-${format}.zip`);
    const zipFile = path.join(scratch, 'export.zip');
    await download.saveAs(zipFile);
    execFileSync('unzip', ['-q', zipFile, '-d', path.join(scratch, 'app')]);

    emend([
      'export',
      '--format',
      format,
      ...cliOptions,
      '--out',
      path.join(scratch, 'cli'),
      folder,
    ]);
    const names = (await readdir(path.join(scratch, 'cli'))).sort();
    expect((await readdir(path.join(scratch, 'app'))).sort()).toEqual(names);
    for (const name of names) {
      expect(await readFile(path.join(scratch, 'app', name))).toEqual(
        await readFile(path.join(scratch, 'cli', name)),
      );
    }
    await expect(dialog).toBeHidden();
    return names;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

test('the corpus as CoNLL BIOES with -DOCSTART- downloads as the zip the host streams, of what `emend export --out` writes', async ({
  editor,
  page,
}) => {
  const dialog = page.getByRole('dialog', { name: 'Export' });
  const names = await exportMatchesCli(
    page,
    editor.folder,
    'conll',
    ['--scheme', 'bioes', '--docstart'],
    async () => {
      await dialog.getByRole('combobox', { name: 'Tag scheme' }).selectOption('bioes');
      await dialog.getByRole('checkbox', { name: /-DOCSTART-/ }).check();
    },
    'Exported 3 file(s).',
  );
  expect(names).toEqual(['a.conll', 'b.conll', 'c.conll']);
});

test('a corpus of over a megabyte downloads whole from the stream, equal to the CLI export', async ({
  page,
}) => {
  test.slow(); // three exports of the corpus (the app's and the CLI's) on a machine running other specs
  const parent = await mkdtemp(path.join(os.tmpdir(), 'emend-export-big-'));
  const source = path.join(parent, 'big');
  await mkdir(source);
  const line = '[PER Javier Solana  ] went to [LOC Pristina  ] for the [ORG EU  ] talks .\n';
  for (let k = 0; k < 3; k++) {
    await writeFile(path.join(source, `part-${k}.txt`), `Part ${k} .\n${line.repeat(6_000)}`);
  }
  const served = await serveCopy(source);
  try {
    await page.goto(served.url);
    await expect(page.getByTestId('document-view')).toBeVisible();
    const names = await exportMatchesCli(page, served.folder, 'conll', []);
    expect(names).toEqual(['part-0.conll', 'part-1.conll', 'part-2.conll']);
  } finally {
    await served.stop();
    await rm(parent, { recursive: true, force: true });
  }
});

test.describe('a corpus with an annotation error', () => {
  test.use({ corpus: 'corpus' });

  // Without the editor fixture: Chromium logs the expected 422 as a console error.
  test('is refused in the dialog, naming the file and line, and nothing downloads', async ({
    served,
    page,
  }) => {
    await page.goto(served.url);
    await expect(page.getByTestId('document-view')).toBeVisible();
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.getByRole('radio', { name: /whole corpus/ }).check();
    const streamed = page.waitForResponse((response) => response.url().includes('/api/archive?'));
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    expect((await streamed).status()).toBe(422);
    await expect(dialog.getByRole('alert')).toHaveText(/^nothing exported: problems\.txt:2:/);
    await expect(dialog).toBeVisible();
    expect(downloads).toBe(0);
  });
});

test('the document on screen as HF JSON lines downloads as the file `emend export` prints', async ({
  editor,
  page,
}) => {
  await editor.openDocument('b.txt');
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog.getByRole('radio', { name: /This document \(b\.txt\)/ })).toBeChecked();
  await dialog.getByRole('combobox', { name: 'Format' }).selectOption('hf');
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('b.jsonl');
  const bytes = await readFile(await download.path());
  expect(bytes.toString('utf8')).toBe(
    emend(['export', '--format', 'hf', path.join(editor.folder, 'b.txt')]),
  );
  await expect(dialog).toBeHidden();
});

test('the Export dialog keeps the keyboard inside it and gives it back on Escape', async ({
  editor,
  page,
}) => {
  await expect(editor.view).toBeVisible();
  const opener = page.getByRole('button', { name: 'Export…' });
  await opener.click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  const cancel = dialog.getByRole('button', { name: 'Cancel' });
  await cancel.focus();
  await page.keyboard.press('Tab');
  expect(await dialog.evaluate((box) => box.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Shift+Tab');
  await expect(cancel).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
});

test("the Export dialog's What is one radio group: one Tab stop, the arrows choose", async ({
  editor,
  page,
}) => {
  await expect(editor.view).toBeVisible();
  await page.keyboard.press('ControlOrMeta+Shift+e');
  const dialog = page.getByRole('dialog', { name: 'Export' });
  const thisDocument = dialog.getByRole('radio', { name: /^This document/ });
  const corpus = dialog.getByRole('radio', { name: /whole corpus/ });
  const format = dialog.getByRole('combobox', { name: 'Format' });
  await page.keyboard.press('Tab');
  await expect(thisDocument).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(format).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('ArrowDown');
  await expect(corpus).toBeFocused();
  await expect(corpus).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(format).toBeFocused();
  // The group's one stop is the first in the dialog: Shift+Tab from it goes round to the last.
  await page.keyboard.press('Shift+Tab');
  await expect(corpus).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
});

test.describe('an export cancelled from its dialog', () => {
  // The workspace answers the cancelled export 409 (Chromium logs it).
  test.use({ expectedStatuses: [409] });

  test('is stopped by Cancel, which the dialog keeps in reach; Export is not pressed twice meanwhile', async ({
    editor,
    page,
  }) => {
    await expect(editor.view).toBeVisible();
    let answer: (() => Promise<void>) | null = null;
    await page.route('**/api/exportCorpus', (route) => {
      answer = () =>
        route.fulfill({
          status: 409,
          contentType: 'application/json',
          body: JSON.stringify({ code: 'cancelled', message: 'cancelled' }),
        });
    });
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.keyboard.press('ControlOrMeta+Shift+e');
    const dialog = page.getByRole('dialog', { name: 'Export' });
    const exportButton = dialog.getByRole('button', { name: 'Export', exact: true });
    await exportButton.click();
    await expect(exportButton).toBeDisabled();
    await expect(dialog.getByRole('status')).toHaveText('Exporting… Cancel stops it.');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => answer !== null).toBe(true);
    await answer!();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Export cancelled: nothing was saved.')).toBeVisible();
    expect(downloads).toBe(0);
  });
});
