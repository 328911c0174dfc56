// The editor as a test drives it: open documents, select text, press keys, read entities and files.
import { expect, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface ShownEntity {
  label: string;
  text: string;
}

export class EditorPage {
  readonly view: Locator;
  readonly sidebar: Locator;
  readonly status: Locator;

  constructor(
    readonly page: Page,
    readonly folder: string,
  ) {
    this.view = page.getByTestId('document-view');
    this.sidebar = page.getByRole('navigation', { name: 'Corpus' });
    this.status = page.locator('footer');
  }

  async openDocument(name: string): Promise<void> {
    await this.sidebar.getByRole('button', { name: new RegExp(`^●? ?${name}`) }).click();
    await expect(this.view).toHaveAttribute('aria-label', `Document ${name}`);
  }

  /**
   * Selects the entity showing `text` in document `name` and opens the corpus search (Ctrl+Shift+F),
   * filled from it by "Use selection"; returns the search panel.
   */
  async searchCorpusFor(name: string, text: string): Promise<Locator> {
    await this.openDocument(name);
    await this.entity(text).click();
    await this.page.keyboard.press('ControlOrMeta+Shift+f');
    const panel = this.page.getByRole('region', { name: 'Search the corpus' });
    await expect(panel.getByRole('searchbox', { name: 'Search text' })).toBeFocused();
    await panel.getByRole('button', { name: 'Use selection' }).click();
    await expect(panel.getByRole('searchbox', { name: 'Search text' })).toHaveValue(text);
    return panel;
  }

  /** Entities on screen, in order. */
  async entities(): Promise<ShownEntity[]> {
    return this.view.locator('mark.entity').evaluateAll((marks) =>
      marks.map((mark) => ({
        label: (mark as HTMLElement).dataset.label ?? '',
        text: mark.textContent ?? '',
      })),
    );
  }

  entity(text: string): Locator {
    return this.view.locator('mark.entity', { hasText: new RegExp(`^${text}$`) });
  }

  /** The text piece holding `word` (text and markup runs are separate pieces). */
  piece(word: string): Locator {
    return this.view.locator('[data-start]', { hasText: word }).first();
  }

  /** Drags with the mouse from inside the first word to inside the last one. */
  async drag(fromWord: string, toWord: string): Promise<void> {
    const from = await this.wordBox(fromWord);
    const to = await this.wordBox(toWord);
    await this.page.mouse.move(from.x + 2, from.y);
    await this.page.mouse.down();
    await this.page.mouse.move(to.x + to.width / 2, to.y, { steps: 5 });
    await this.page.mouse.move(to.x + to.width - 2, to.y, { steps: 2 });
    await this.page.mouse.up();
  }

  /** Clicks inside a word, with Shift held to extend the selection. */
  async clickWord(word: string, options: { shift?: boolean } = {}): Promise<void> {
    const box = await this.wordBox(word);
    if (options.shift) await this.page.keyboard.down('Shift');
    await this.page.mouse.click(box.x + box.width / 2, box.y);
    if (options.shift) await this.page.keyboard.up('Shift');
  }

  async doubleClick(word: string): Promise<void> {
    const box = await this.wordBox(word);
    await this.page.mouse.dblclick(box.x + box.width / 2, box.y);
  }

  /**
   * The screen box of a word of the document (its first occurrence on screen), once it has stayed in
   * place over two frames: lines below a scroll are measured and laid out again as they are drawn.
   */
  private async wordBox(word: string): Promise<{ x: number; y: number; width: number }> {
    const box = await this.view.evaluate(async (view, wanted) => {
      const measure = () => {
        const walker = document.createTreeWalker(view, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent?.indexOf(wanted) ?? -1;
          if (at === -1) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + wanted.length);
          const rect = range.getBoundingClientRect();
          return { x: rect.left, y: rect.top + rect.height / 2, width: rect.width };
        }
        return null;
      };
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      let last = measure();
      for (let tries = 0; tries < 50; tries++) {
        await frame();
        await frame();
        const now = measure();
        if (now && last && now.x === last.x && now.y === last.y && now.width === last.width)
          return now;
        last = now;
      }
      return last;
    }, word);
    if (!box) throw new Error(`"${word}" is not on screen`);
    return box;
  }

  async selectionText(): Promise<string> {
    return (await this.view.locator('.selected').allTextContents()).join('');
  }

  /** Waits until every shown edit is journaled by the workspace (no pending marker): safe from a crash. */
  async settled(): Promise<void> {
    // The status bar takes an edit's values on a timer set in the frame that paints the edit: a
    // frame callback and a timer of ours, set after the editor's, come after it, so the marker looked
    // at next is the one for the edits made so far, not the one from before them.
    await this.page.evaluate(
      () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve))),
    );
    await expect(this.page.getByTestId('pending-edits')).toBeHidden();
  }

  /** Saves the document, which must have unsaved edits (so the wait cannot pass before the edit lands). */
  async save(): Promise<void> {
    await expect(this.page.getByTestId('save-state')).toHaveText('unsaved changes');
    await this.page.keyboard.press('ControlOrMeta+s');
    await expect(this.page.getByTestId('save-state')).toHaveText('saved');
  }

  async fileText(name: string): Promise<string> {
    return readFile(path.join(this.folder, name), 'utf8');
  }

  async fileBytes(name: string): Promise<Buffer> {
    return readFile(path.join(this.folder, name));
  }
}

/** The bytes of an expected file under e2e/fixtures/expected. */
export function expectedBytes(name: string): Promise<Buffer> {
  return readFile(path.resolve(import.meta.dirname, '../fixtures/expected', name));
}
