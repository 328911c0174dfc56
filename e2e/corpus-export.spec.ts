// Export from the app under `emend serve`: it downloads, and the bytes are the CLI's (a zip for a corpus).
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './support/test';

test.use({ corpus: 'consistency' });

const bin = path.resolve(import.meta.dirname, '../bin/emend.js');
const emend = (args: string[]) =>
  execFileSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });

test('the corpus as CoNLL BIOES with -DOCSTART- downloads as a zip of what `emend export --out` writes', async ({
  editor,
  page,
}) => {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'emend-export-e2e-'));
  try {
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.getByRole('radio', { name: /whole corpus/ }).check();
    await dialog.getByRole('combobox', { name: 'Format' }).selectOption('conll');
    await dialog.getByRole('combobox', { name: 'Tag scheme' }).selectOption('bioes');
    await dialog.getByRole('checkbox', { name: /-DOCSTART-/ }).check();
    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('consistency-conll.zip');
    const zipFile = path.join(scratch, 'export.zip');
    await download.saveAs(zipFile);
    execFileSync('unzip', ['-q', zipFile, '-d', path.join(scratch, 'app')]);

    emend([
      'export',
      '--format',
      'conll',
      '--scheme',
      'bioes',
      '--docstart',
      '--out',
      path.join(scratch, 'cli'),
      editor.folder,
    ]);
    const names = (await readdir(path.join(scratch, 'cli'))).sort();
    expect((await readdir(path.join(scratch, 'app'))).sort()).toEqual(names);
    expect(names).toEqual(['a.conll', 'b.conll', 'c.conll']);
    for (const name of names) {
      expect(await readFile(path.join(scratch, 'app', name))).toEqual(
        await readFile(path.join(scratch, 'cli', name)),
      );
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
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
