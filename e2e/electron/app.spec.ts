// The real Electron app: launch, open the sample corpus, tag an entity by keyboard, save, check the file.
import { expect, test } from '@playwright/test';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EditorPage } from '../support/editor-page';
import { desktopShell, projectRoot } from '../../scripts/electron-binary';
import { launchApp } from './electron-app';

// Skipped, not failed, where the binary cannot open a window (none, not runnable, no display).
const electron = desktopShell();
test.skip(!electron.path, `Electron app cannot run here: ${electron.reason}`);

let folder: string;
test.beforeEach(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'emend-electron-'));
});
test.afterEach(() => rm(folder, { recursive: true, force: true }));

test('tags an entity by keyboard in a sample document and saves it to disk', async () => {
  const corpus = path.join(folder, 'samples');
  await cp(path.join(projectRoot, 'samples'), corpus, { recursive: true });
  const original = await readFile(path.join(corpus, 'lab-bulletin.txt'), 'utf8');
  const app = await launchApp(electron.path!, path.join(folder, 'data'), corpus);
  try {
    const window = await app.firstWindow();
    const editor = new EditorPage(window, corpus);
    await editor.openDocument('lab-bulletin.txt');
    await editor.view.focus();
    await window.keyboard.press('ArrowRight');
    expect(await editor.selectionText()).toBe('Weekly');
    await window.keyboard.press('4');
    await expect(editor.entity('Weekly')).toHaveAttribute('data-label', 'MISC');
    await editor.save();
    expect(await editor.fileText('lab-bulletin.txt')).toBe(
      original.replace(/^Weekly /, '[MISC Weekly  ] '),
    );
  } finally {
    await app.close();
  }
});

test('opens the sample corpus when started without a path, isolated from Node', async () => {
  const app = await launchApp(electron.path!, path.join(folder, 'data'));
  try {
    const window = await app.firstWindow();
    const sidebar = window.getByRole('navigation', { name: 'Corpus' });
    for (const name of ['harbour-report.txt', 'lab-bulletin.txt', 'summit-notes.txt']) {
      await expect(sidebar.getByRole('button', { name: new RegExp(name) })).toBeVisible();
    }
    expect(window.url()).toBe('app://emend/index.html');
    const scope = await window.evaluate(() => ({
      bridge: Object.keys((window as unknown as { emend: object }).emend).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(scope).toEqual({
      bridge: ['call', 'onEvent'],
      require: 'undefined',
      process: 'undefined',
    });
  } finally {
    await app.close();
  }
});
