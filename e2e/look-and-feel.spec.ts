// The editor's chrome: grouped icon toolbar with keys in tooltips, context menu, selected state, dimmed markup.
import type { Locator } from '@playwright/test';
import { textContrast } from './support/contrast';
import { expect, test } from './support/test';

test.use({ corpus: 'daily' });

test('the toolbar groups its actions by job; every button has a name and a tooltip with its key', async ({
  editor,
  page,
}) => {
  await expect(editor.view).toBeVisible();
  const toolbar = page.getByRole('toolbar', { name: 'Actions' });
  for (const group of ['Label', 'History', 'File', 'Review', 'View']) {
    await expect(toolbar.getByRole('group', { name: group, exact: true })).toBeVisible();
  }
  await expect(
    toolbar.getByRole('group', { name: 'History' }).getByRole('button', { name: 'Undo' }),
  ).toHaveAttribute('title', 'Undo (Ctrl/⌘+Z)');
  await expect(toolbar.getByRole('button', { name: 'Label…' })).toHaveAttribute(
    'title',
    'Label the selection (Enter)',
  );
  const unnamed = await toolbar
    .getByRole('button')
    .evaluateAll(
      (buttons) =>
        buttons.filter(
          (button) => !button.getAttribute('aria-label') || !button.getAttribute('title'),
        ).length,
    );
  expect(unnamed).toBe(0);
  await toolbar.getByRole('button', { name: 'Keyboard shortcuts' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
});

test('right-click on an entity offers its actions as a menu; the selected entity stands out', async ({
  editor,
  page,
}) => {
  await editor.openDocument('broken.txt');
  const union = editor.entity('European Union');
  await union.click({ button: 'right' });
  await expect(union).toHaveCSS('outline-style', 'solid');
  const menu = page.getByRole('menu', { name: 'Selection actions' });
  await expect(menu).toBeInViewport();
  await menu.getByRole('menuitem', { name: /Relabel as LOC/ }).click();
  await expect(union).toHaveAttribute('data-label', 'LOC');
  await union.click({ button: 'right' });
  await menu.getByRole('menuitem', { name: /^Remove/ }).click();
  await expect(union).toHaveCount(0);
});

test('markup is dimmed where a document has it, and the choice is kept for the corpus', async ({
  editor,
  page,
}) => {
  await editor.openDocument('cable-10PRISTINA48.txt');
  await expect(editor.view).toHaveClass(/dim-markup/);
  const dim = page.getByRole('button', { name: 'Dim markup' });
  await expect(dim).toHaveAttribute('aria-pressed', 'true');
  await dim.click();
  await expect(editor.view).not.toHaveClass(/dim-markup/);
  await page.reload();
  await editor.openDocument('cable-10PRISTINA48.txt');
  await expect(editor.view).not.toHaveClass(/dim-markup/);
});

test('a labelled control is named with the words of its visible label, so voice control can say them', async ({
  editor,
  page,
}) => {
  /** The labels on the page whose control's name leaves out words the label shows. */
  const mismatched = () =>
    page.locator('label').evaluateAll((labels) =>
      labels.flatMap((label) => {
        const control = label.querySelector('input, select, textarea');
        const name = control?.getAttribute('aria-label');
        if (!control || !name) return [];
        const own = [...label.childNodes]
          .filter((node) => node.nodeType === Node.TEXT_NODE)
          .map((node) => node.textContent)
          .join(' ')
          .replace(/\s+/g, ' ')
          .trim();
        return name.toLowerCase().includes(own.toLowerCase()) ? [] : [`${own} → ${name}`];
      }),
    );
  for (const panel of ['Shift+A', 'Shift+R']) {
    await editor.view.focus();
    await page.keyboard.press(panel);
    await expect(page.locator('aside label').first()).toBeVisible();
    expect(await mismatched()).toEqual([]);
  }
});

test('the focused item of a menu has a focus ring, not only a faint background', async ({
  editor,
  page,
}) => {
  await editor.view.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menu')).toBeVisible();
  await page.keyboard.press('ArrowDown');
  const ring = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement!);
    return {
      role: document.activeElement?.getAttribute('role'),
      outline: style.outlineStyle,
      width: style.outlineWidth,
    };
  });
  expect(ring).toEqual({ role: 'menuitem', outline: 'solid', width: '2px' });
});

test('the toolbar is one widget: ←/→ move between its enabled buttons, Home and End to its ends', async ({
  editor,
  page,
}) => {
  await expect(editor.view).toBeVisible();
  const toolbar = page.getByRole('toolbar', { name: 'Actions' });
  const enabled = toolbar.locator('button:not(:disabled)');
  const names = await enabled.evaluateAll((buttons) =>
    buttons.map((button) => button.getAttribute('aria-label')),
  );
  await enabled.first().focus();
  await page.keyboard.press('ArrowRight');
  await expect(enabled.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(enabled.first()).toBeFocused();
  await page.keyboard.press('End');
  await expect(toolbar.getByRole('button', { name: names.at(-1)! })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(enabled.first()).toBeFocused();
  await page.keyboard.press('Home');
  await expect(enabled.first()).toBeFocused();
});

test('the theme group is one stop of the toolbar: ←/→ pass it, Home and End leave it, none changes the theme', async ({
  editor,
  page,
}) => {
  const toolbar = page.getByRole('toolbar', { name: 'Actions' });
  const [label, dim, help] = [
    toolbar.getByRole('button', { name: 'Label…' }),
    toolbar.getByRole('button', { name: 'Dim markup' }),
    toolbar.getByRole('button', { name: 'Keyboard shortcuts' }),
  ];
  const themes = toolbar.getByRole('radiogroup', { name: 'Theme' });
  const [system, light, dark] = ['System', 'Light', 'Dark'].map((name) =>
    themes.getByRole('radio', { name }),
  );
  await editor.view.locator('mark.entity').first().click();
  // The toolbar takes the selection once it is painted.
  await expect(label).toBeEnabled();
  await page.keyboard.press('Shift+F6');
  await expect(label).toBeFocused();
  const isFocused = (control: typeof dim) =>
    control.evaluate((element) => element === document.activeElement);
  for (let presses = 0; presses < 30 && !(await isFocused(dim)); presses++)
    await page.keyboard.press('ArrowRight');
  await expect(dim).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(system).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(help).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(system).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(dim).toBeFocused();
  await expect(system).toBeChecked();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('End');
  await expect(help).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Home');
  await expect(label).toBeFocused();
  await expect(system).toBeChecked();

  // In the group ↓ and ↑ move between the themes; Space or Enter picks the one focused.
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowDown');
  await expect(light).toBeFocused();
  await expect(system).toBeChecked();
  await page.keyboard.press('Space');
  await expect(light).toBeChecked();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(dark).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dark).toBeChecked();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // From a theme not picked, the arrows leave the group as from the picked one.
  await page.keyboard.press('ArrowDown');
  await expect(system).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(dim).toBeFocused();
  await expect(dark).toBeChecked();
});

test("the corpus list's problem counts read at AA contrast, light and dark, plain or hovered", async ({
  editor,
  page,
}) => {
  const counts = editor.sidebar.locator('.errors, .warnings');
  await expect(counts.first()).toBeVisible();
  const themes = page.getByRole('radiogroup', { name: 'Theme' });
  for (const theme of ['Light', 'Dark']) {
    await themes.getByRole('radio', { name: theme }).check();
    for (const count of await counts.all()) {
      expect(
        await textContrast(count),
        `${theme} ${await count.textContent()}`,
      ).toBeGreaterThanOrEqual(4.5);
      await count.hover();
      expect(await textContrast(count), `${theme} hovered`).toBeGreaterThanOrEqual(4.5);
    }
  }
});

test('no entity leaves a sliver of itself at the end of a row it wraps from, at any window width', async ({
  editor,
  page,
}) => {
  await editor.openDocument('cable-10PRISTINA48.txt');
  await expect(editor.entity('Christopher W. Dell')).toBeVisible();
  // The rows end before other entities at other widths: every width from 900 to 1500 px.
  const slivers: string[] = [];
  for (let width = 900; width <= 1500; width += 20) {
    await page.setViewportSize({ width, height: 800 });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    const drawn = await editor.view.evaluate((view) =>
      [...view.querySelectorAll('mark.entity')].flatMap((mark) =>
        // A piece of an entity drawn with no text of its own is a few pixels of background.
        [...mark.getClientRects()]
          .filter((piece) => piece.width > 0 && piece.width < 8)
          .map(() => mark.textContent ?? ''),
      ),
    );
    slivers.push(...drawn.map((text) => `${width} px: ${text}`));
  }
  expect(slivers).toEqual([]);
});

test('in a forced-colors (high contrast) mode, the open document, a pressed toggle and the theme chosen stay marked', async ({
  editor,
  page,
}) => {
  await page.emulateMedia({ forcedColors: 'active' });
  const outline = (locator: Locator) =>
    locator.evaluate((element) => getComputedStyle(element).outlineStyle);
  await expect.poll(() => outline(editor.sidebar.locator('[aria-current="page"]'))).toBe('solid');
  await page
    .getByRole('button', { name: /^Review/ })
    .first()
    .click();
  await expect.poll(() => outline(page.locator('[aria-pressed="true"]').first())).toBe('solid');
  const chosen = page.locator('label:has(> input[type="radio"]:checked)').first();
  await expect.poll(() => outline(chosen)).toBe('solid');
  // Another document's row is not.
  const rows = editor.sidebar.locator('button.document:not([aria-current])');
  expect(await outline(rows.first())).toBe('none');
});
