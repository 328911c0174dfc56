// The built main bundle, run in Node against a recording stand-in for `electron` (no Electron binary here).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARCHIVE_CHANNEL } from '../../shared/api/bridge';
import { API_METHODS } from '../../shared/api/contract';
import { zip } from '../../shared/archive/zip';
import { CONTENT_SECURITY_POLICY } from '../../shared/api/content-security-policy';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const fixtures = path.join(import.meta.dirname, 'fixtures');
const standIn = path.join(fixtures, 'fake-electron');

let folder: string;
let built: string;

/** Runs the bundle under the stand-in with the given launch path; returns the driver's report. */
async function drive(launch: string, env: Record<string, string> = {}) {
  const data = await mkdtemp(path.join(folder, 'data-'));
  const { stdout } = await run(
    process.execPath,
    ['--import', path.join(standIn, 'register.mjs'), path.join(standIn, 'drive.mjs'), launch],
    {
      cwd: folder,
      env: {
        ...process.env,
        MAIN_BUNDLE: path.join(built, 'main', 'main.js'),
        FAKE_ELECTRON_APP_PATH: root,
        FAKE_ELECTRON_DATA: data,
        ...env,
      },
    },
  );
  return JSON.parse(stdout);
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'emend-main-'));
  built = path.join(folder, 'out');
  await run(
    path.join(root, 'node_modules', '.bin', 'electron-vite'),
    ['build', '--outDir', built],
    {
      cwd: root,
    },
  );
  await cp(path.join(fixtures, 'corpus'), path.join(folder, 'corpus'), { recursive: true });
  await cp(path.join(fixtures, 'other-corpus'), path.join(folder, 'other'), { recursive: true });
  await mkdir(path.join(folder, 'empty'));
}, 120_000);

afterAll(() => rm(folder, { recursive: true, force: true }));

describe('the built main process', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let report: any;
  beforeAll(async () => {
    report = await drive(path.join(folder, 'corpus'), {
      SECOND_PATH: path.join(folder, 'other'),
      ARCHIVE_PATH: path.join(folder, 'corpus-conll.zip'),
    });
  }, 60_000);

  it('opens a sandboxed, isolated window with the built preload', () => {
    const preferences = report.windowOptions.webPreferences;
    expect(preferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(preferences.preload).toBe(path.join(built, 'preload', 'preload.cjs'));
    expect(existsSync(preferences.preload)).toBe(true);
  });

  it('loads the built renderer over app://, with the content security policy', () => {
    expect(report.loaded).toEqual(['app://emend/index.html']);
    expect(existsSync(path.join(built, 'renderer', 'index.html'))).toBe(true);
    expect(report.page.status).toBe(200);
    expect(report.page.policy).toBe(CONTENT_SECURITY_POLICY);
    expect(report.page.body).toContain('<div id="app">');
    expect(report.outsideStatus).toBe(404);
    expect(report.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('handles every contract call over IPC, each answering with a reply', () => {
    expect([...report.channels].sort()).toEqual(
      [...API_METHODS.map((m) => `emend:${m}`), ARCHIVE_CHANNEL].sort(),
    );
    for (const reply of Object.values(report.emptyRequests) as { ok: boolean; error?: object }[]) {
      expect(typeof reply.ok).toBe('boolean');
      if (!reply.ok) expect(reply.error).toMatchObject({ code: 'invalid-request' });
    }
  });

  it('opens the path it was started with and serves its documents', () => {
    expect(report.corpus.value.root).toBe(path.join(folder, 'corpus'));
    expect(report.opened.value.text).toBe('Integrating Kosovo into society .\n');
    expect(report.edit).toMatchObject({ ok: true, value: { revision: 1, dirty: true } });
  });

  it('refuses paths outside the corpus and calls from other pages', () => {
    expect(report.escape.error.code).toBe('path-outside');
    expect(report.foreignPage).toEqual({
      ok: false,
      error: { code: 'invalid-request', message: expect.stringContaining('not the editor') },
    });
  });

  it('blocks navigation, pop-ups and permission requests', () => {
    expect(report.navigationPrevented).toBe(true);
    expect(report.windowOpen).toEqual({ action: 'deny' });
    expect(report.permissionGranted).toBe(false);
    expect(report.permissionCheck).toBe(false);
  });

  it('installs File, Edit, View and Help, and sends editor commands to the renderer', () => {
    expect(report.menu.map((menu: { label: string }) => menu.label)).toEqual([
      'File',
      'Edit',
      'View',
      'help',
    ]);
    const file = report.menu[0].items.map((item: { label: string }) => item.label);
    expect(file).toEqual(
      expect.arrayContaining(['Open File…', 'Open Folder…', 'Open Recent', 'Save', 'Save All']),
    );
    expect(report.sentAfterSave).toEqual([
      { channel: 'emend-event', payload: { type: 'menu', command: 'save' } },
    ]);
  });

  it('saves the corpus archive from the Export dialog, streamed to the file picked: the zip the in-memory export makes', async () => {
    const { files, warnings } = report.archiveExported.value;
    expect(report.archive).toEqual({ ok: true, value: { files: files.length, warnings } });
    const written = await readFile(path.join(folder, 'corpus-conll.zip'));
    expect(written.equals(Buffer.from(zip(files)))).toBe(true);
    expect(report.archiveCancelled).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(report.archiveForeign).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const saves = report.dialogs.filter((entry: { kind: string }) => entry.kind === 'save');
    expect(saves[0].defaultPath).toMatch(/corpus-conll\.zip$/);
  });

  it("opens the editor's Export dialog from File › Export…, as its key does in the page", () => {
    expect(report.sentAfterExport).toEqual([
      { channel: 'emend-event', payload: { type: 'menu', command: 'export' } },
    ]);
  });

  it('asks before closing or replacing a corpus with unsaved edits, and keeps the file as it was', async () => {
    expect(report.closedAfterCancel).toBe(false);
    const messages = report.dialogs.filter((entry: { kind: string }) => entry.kind === 'message');
    expect(messages.map((entry: { message: string }) => entry.message)).toEqual([
      'One document has unsaved edits. Save before you close?',
      'One document has unsaved edits. Save before you open another file?',
    ]);
    expect(await readFile(path.join(folder, 'corpus', 'news.txt'), 'utf8')).toBe(
      'Integrating [LOC Kosovo  ] into society .\n',
    );
    expect(report.closedAfterLeave).toBe(true);
  });

  it('keeps the window open while the page refuses to unload (edits not yet journaled), then closes', () => {
    expect(report.openWhilePageRefused).toBe(true);
    expect(report.closedAfterLeave).toBe(true);
  });

  it('lets a second start focus the window and open its path', () => {
    expect(report.focused).toBe(true);
    expect(report.loadedAfterSecond).toHaveLength(2);
    expect(report.corpusAfterSecond.value.root).toBe(path.join(folder, 'other'));
  });
});

describe('a second instance', () => {
  it('quits at once when another instance holds the lock', async () => {
    const report = await drive(path.join(folder, 'corpus'), { FAKE_ELECTRON_LOCK: 'taken' });
    expect(report.calls).toContain('quit');
    expect(report.calls).not.toContain('whenReady');
    expect(report.windows).toBe(0);
  }, 30_000);
});
