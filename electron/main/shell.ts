// The running app: the editor window, the workspace it shows, the menu and the File actions.
import path from 'node:path';
import { app, Menu, nativeTheme, type BrowserWindow } from 'electron';
import { EVENT_CHANNEL } from '../../shared/api/bridge';
import { isEchoFor, type ApiEvent, type EmendApi } from '../../shared/api/contract';
import { createApi, createArchiveExport, workspaceTasks } from '../workspace/api';
import { createWorkspace, type Workspace } from '../workspace/workspace';
import { RENDERER_ENTRY_URL } from './app-scheme';
import type { ArchiveExport } from './archive-file';
import { chooseArchivePath, chooseOpenTarget, confirmUnsaved, showProblem } from './dialogs';
import type { IpcTarget } from './ipc';
import { menuTemplate, type ThemeSource } from './menu';
import { readPreferences, withRecent, writePreferences, type Preferences } from './preferences';
import { createEditorWindow } from './window';

/** How often a close the page refused is tried again, and how long the page may hold it. */
const UNLOAD_RETRY_MS = 200;
const UNLOAD_PATIENCE_MS = 5_000;

export interface ShellPaths {
  preload: string;
  /** The app's data folder: preferences and the sample corpus's working copy. */
  dataFolder: string;
  icon?: string;
}

export class Shell {
  private window: BrowserWindow | null = null;
  private workspace: Workspace | null = null;
  private api: EmendApi | null = null;
  private exportArchive: ArchiveExport | null = null;
  private stopEvents: (() => void) | null = null;
  /** The window's editor, as its edit requests name it: its own edits are not sent back to it. */
  private windowClient: string | null = null;
  /** The document the editor says it shows: the one File › Export… writes. */
  private preferences: Preferences = { recent: [], theme: 'system' };
  private closeConfirmed = false;

  constructor(private readonly paths: ShellPaths) {}

  private get preferencesFile(): string {
    return path.join(this.paths.dataFolder, 'preferences.json');
  }

  /** What the IPC handlers call into. */
  readonly ipcTarget: IpcTarget = {
    api: () => this.api,
    contents: () => this.window?.webContents ?? null,
    answered: (_method, request) => {
      const client = (request as { client?: unknown }).client;
      if (typeof client === 'string') this.windowClient = client;
    },
    archive: () => this.exportArchive,
    chooseArchivePath: async (name) =>
      this.window
        ? chooseArchivePath(this.window, path.join(app.getPath('documents'), name))
        : null,
  };

  /** Shows the window with target open (nothing open when target is null or cannot be opened). */
  async start(target: string | null): Promise<void> {
    this.preferences = await readPreferences(this.preferencesFile);
    nativeTheme.themeSource = this.preferences.theme;
    this.createWindow();
    if (target) await this.replaceWorkspace(target);
    this.refreshMenu();
    await this.window?.loadURL(RENDERER_ENTRY_URL);
  }

  /** A second start of the app: bring the window forward and open what it was given. */
  focus(target: string | null): void {
    const window = this.window;
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
    if (target) this.run(this.open(target));
  }

  /** Opens a file or folder in place of the current one, after asking about unsaved edits. */
  async open(target: string): Promise<void> {
    if (!(await this.settleUnsaved('open another file'))) return;
    if (await this.replaceWorkspace(target)) {
      this.refreshMenu();
      await this.window?.loadURL(RENDERER_ENTRY_URL);
    }
  }

  private async replaceWorkspace(target: string): Promise<boolean> {
    let workspace: Workspace;
    try {
      // Lone files keep their journals in the default state folder, shared with `emend serve`.
      workspace = await createWorkspace({ path: target });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      showProblem(this.window, 'Cannot open', `${target}: ${reason}`);
      return false;
    }
    this.closeWorkspace();
    this.workspace = workspace;
    const tasks = workspaceTasks(workspace);
    this.api = createApi(workspace, tasks);
    this.exportArchive = createArchiveExport(workspace, tasks);
    this.stopEvents = workspace.onEvent((event) => this.send(event));
    this.preferences.recent = withRecent(this.preferences.recent, target);
    app.addRecentDocument(target);
    await this.savePreferences();
    return true;
  }

  private closeWorkspace(): void {
    this.stopEvents?.();
    this.workspace?.close();
    this.stopEvents = null;
    this.workspace = null;
    this.api = null;
    this.exportArchive = null;
  }

  private createWindow(): void {
    const window = createEditorWindow(this.paths.preload, this.paths.icon);
    window.once('ready-to-show', () => window.show());
    window.on('close', (event) => {
      if (this.closeConfirmed) return;
      event.preventDefault();
      this.run(
        this.settleUnsaved('close').then((leave) => {
          if (!leave) return;
          this.closeConfirmed = true;
          window.close();
        }),
      );
    });
    // The page refuses to unload while it holds edits the workspace has not journaled yet: a
    // confirmed close waits for them, asking again every UNLOAD_RETRY_MS, and closes anyway once
    // UNLOAD_PATIENCE_MS have passed (a page that stopped answering must not keep the window).
    let refusedSince = 0;
    window.webContents.on('will-prevent-unload', (event) => {
      if (!this.closeConfirmed) return;
      refusedSince ||= Date.now();
      if (Date.now() - refusedSince >= UNLOAD_PATIENCE_MS) event.preventDefault();
      else setTimeout(() => window.close(), UNLOAD_RETRY_MS);
    });
    window.on('closed', () => {
      this.window = null;
      this.closeWorkspace();
    });
    this.window = window;
  }

  /**
   * Whether the current corpus may be left: clean, saved now, or the user chose not to save. A
   * failed Save All throws, so the window stays open with the edits.
   */
  private async settleUnsaved(action: string): Promise<boolean> {
    const api = this.api;
    if (!api || !this.window) return true;
    let dirty;
    try {
      dirty = (await api.getCorpus({})).documents.filter((summary) => summary.dirty);
    } catch {
      // The corpus cannot be listed (its folder vanished): nothing to save; edits stay journaled.
      return true;
    }
    if (dirty.length === 0) return true;
    const choice = await confirmUnsaved(this.window, dirty, action);
    if (choice === 'cancel') return false;
    if (choice === 'save-all') {
      const { failed } = await api.saveAll({});
      // The window stays open with the edits of a document that could not be saved.
      if (failed.length > 0) throw new Error(failed.map(({ message }) => message).join('\n'));
    }
    return true;
  }

  private send(event: ApiEvent): void {
    const contents = this.window?.webContents;
    if (contents && !contents.isDestroyed() && !isEchoFor(event, this.windowClient))
      contents.send(EVENT_CHANNEL, event);
  }

  private refreshMenu(): void {
    const template = menuTemplate(
      {
        recent: this.preferences.recent,
        theme: this.preferences.theme,
        platform: process.platform,
      },
      {
        openFile: () => this.run(this.openChosen('file')),
        openFolder: () => this.run(this.openChosen('folder')),
        openRecent: (target) => this.run(this.open(target)),
        clearRecent: () => {
          this.preferences.recent = [];
          app.clearRecentDocuments();
          this.refreshMenu();
          this.run(this.savePreferences());
        },
        closeWindow: () => this.window?.close(),
        setTheme: (theme) => this.run(this.setTheme(theme)),
        send: (command) => this.send({ type: 'menu', command }),
      },
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  private async openChosen(kind: 'file' | 'folder'): Promise<void> {
    if (!this.window) return;
    const target = await chooseOpenTarget(this.window, kind);
    if (target) await this.open(target);
  }

  private async setTheme(theme: ThemeSource): Promise<void> {
    nativeTheme.themeSource = theme;
    this.preferences.theme = theme;
    this.refreshMenu();
    this.send({ type: 'menu', command: `theme-${theme}` });
    await this.savePreferences();
  }

  private async savePreferences(): Promise<void> {
    try {
      await writePreferences(this.preferencesFile, this.preferences);
    } catch {
      // Preferences are a convenience: the app works the same without the file.
    }
  }

  /** Runs a menu or window action; a failure becomes a dialog, never an unhandled rejection. */
  private run(action: Promise<unknown>): void {
    action.catch((error: unknown) => {
      showProblem(this.window, 'Emend', error instanceof Error ? error.message : String(error));
    });
  }
}
