// Adjudicating three annotators' copies of a document in the app: the unanimous entity already in, a
// 2-of-3 version taken with a key, a disagreement settled by hand, each one undoable edit, saved byte for byte.
import { execFileSync } from 'node:child_process';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { agreementView, computeAgreement, copiesBeside, copiesFixtures } from './support/copies';
import { expect, test } from './support/test';

test.use({ corpus: 'adjudicate/gold' });

/** The three annotators' copies beside the corpus, their agreement computed, news.txt adjudicated. */
async function adjudicateNews(page: Page, folder: string, choices: Record<string, string> = {}) {
  await copiesBeside(folder);
  const view = await computeAgreement(page, '../ann ../bo ../cy', choices);
  await view.getByRole('button', { name: /^news\.txt/ }).click();
  return view;
}
const settled = (page: Page) => page.getByTestId('settled');
const disagreement = (page: Page, n: number) =>
  page.getByRole('group', { name: `Disagreement ${n} of 2` });

test('a three-copy document: agreed entity in, 2-of-3 taken by key, one settled by hand, saved as expected', async ({
  editor,
  page,
  served,
}) => {
  await copiesBeside(served.folder);
  await editor.view.focus();
  // The keys are in the shortcut overlay.
  await page.keyboard.press('?');
  const overlay = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(overlay).toContainText("Shift+A Agreement of annotators' copies");
  await expect(overlay).toContainText(
    "Alt+1…9 Settle the disagreement with annotator 1…9's version",
  );
  await page.keyboard.press('Escape');
  await editor.view.focus();
  await page.keyboard.press('Shift+A');
  const view = agreementView(page);
  await view.getByRole('textbox', { name: 'Copies' }).fill('../ann ../bo ../cy');
  await view.getByRole('button', { name: 'Compute agreement' }).click();
  // Worst first: news.txt disagrees, brief.txt does not.
  const documents = view.getByRole('list', { name: 'Documents, worst first' }).getByRole('button');
  await expect(documents).toHaveCount(2);
  await expect(documents.nth(0)).toHaveAccessibleName(/^news\.txt: α 0\.\d{3}$/);
  await expect(documents.nth(1)).toHaveAccessibleName('brief.txt: α 1.000');

  await documents.nth(0).click();
  await expect(editor.view).toHaveAttribute('aria-label', 'Document news.txt');
  // The curator's copy was cy's: the unanimous entities are in, the disagreements are cleared and open.
  await expect(settled(page)).toHaveText('0 of 2 settled');
  expect(await editor.entities()).toEqual([
    { label: 'LOC', text: 'Pristina' },
    { label: 'ORG', text: 'KFOR' },
  ]);
  // Every annotator's version, side by side under the text.
  const first = disagreement(page, 1);
  await expect(first.getByRole('button', { name: 'ann: PER Ann Smith' })).toBeVisible();
  await expect(first.getByRole('button', { name: 'bo: PER Ann Smith' })).toBeVisible();
  await expect(first.getByRole('button', { name: 'cy: PER Ann' })).toBeVisible();
  // Each version shows its label once (the text's own entity style stays on the text's entities).
  const version = first.getByRole('button', { name: 'ann: PER Ann Smith' }).locator('.entity');
  expect(await version.evaluate((entity) => getComputedStyle(entity, '::before').content)).toBe(
    'none',
  );
  const second = disagreement(page, 2);
  await expect(second.getByRole('button', { name: 'ann: MISC Kosovo' })).toBeVisible();
  await expect(second.getByRole('button', { name: 'bo: ORG Kosovo envoy' })).toBeVisible();
  await expect(second.getByRole('button', { name: 'cy: no entity' })).toBeVisible();

  // The 2-of-3 version, by key: Alt+1 takes ann's at the current disagreement (the first).
  await editor.view.focus();
  await page.keyboard.press('Alt+1');
  await expect(settled(page)).toHaveText('1 of 2 settled');
  await expect(editor.entity('Ann Smith')).toHaveAttribute('data-label', 'PER');
  await expect(first).toContainText('settled: ann, bo');
  // One undoable edit.
  await page.keyboard.press('ControlOrMeta+z');
  await expect(settled(page)).toHaveText('0 of 2 settled');
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(settled(page)).toHaveText('1 of 2 settled');

  // The second: bo's version by a click, then settled by hand instead (Kosovo as LOC).
  await second.getByRole('button', { name: 'bo: ORG Kosovo envoy' }).click();
  await expect(settled(page)).toHaveText('2 of 2 settled');
  await expect(second).toContainText('settled: bo');
  await editor.doubleClick('Kosovo');
  await page.keyboard.press('2'); // LOC
  await expect(second).toContainText('settled by hand');
  await expect(settled(page)).toHaveText('2 of 2 settled');

  // Shift+N / Shift+P step between the disagreements.
  await page.keyboard.press('Shift+N');
  await expect(first).toHaveClass(/current/);
  await page.keyboard.press('Shift+N');
  await expect(second).toHaveClass(/current/);
  await page.keyboard.press('Shift+P');
  await expect(first).toHaveClass(/current/);

  await editor.save();
  expect(await editor.fileBytes('news.txt')).toEqual(
    await readFile(path.join(copiesFixtures, 'expected/news.txt')),
  );
});

test('a correction the curator saved where every copy agrees stays, as a place settled by hand', async ({
  editor,
  page,
  served,
}) => {
  // Every copy tags KFOR ORG; the curator made it MISC and saved before adjudicating.
  await editor.openDocument('news.txt');
  await editor.entity('KFOR').click();
  await page.keyboard.press('4');
  await editor.save();
  await adjudicateNews(page, served.folder);
  await expect(editor.entity('KFOR')).toHaveAttribute('data-label', 'MISC');
  await expect(settled(page)).toHaveText('1 of 3 settled');
  const own = page.getByRole('group', { name: 'Disagreement 3 of 3' });
  await expect(own).toContainText('settled by hand');
  // Every copy's version is there to take.
  await own.getByRole('button', { name: 'ann: ORG KFOR' }).click();
  await expect(editor.entity('KFOR')).toHaveAttribute('data-label', 'ORG');
});

test('by majority, a place the curator settled their own way before adjudicating stays so', async ({
  editor,
  page,
  served,
}) => {
  // The curator's copy was cy's ([PER Ann]); the majority holds PER Ann Smith; the curator saved ORG.
  await editor.openDocument('news.txt');
  await editor.entity('Ann').click();
  await page.keyboard.press('3');
  await editor.save();
  await adjudicateNews(page, served.folder, { 'An entity is agreed when': 'majority' });
  await expect(editor.entity('Ann')).toHaveAttribute('data-label', 'ORG');
  await expect(disagreement(page, 1)).toContainText('settled by hand');
});

test('"none" chosen where the place holds nothing already is taken back by Ctrl+Z, not the choice before it', async ({
  editor,
  page,
  served,
}) => {
  await adjudicateNews(page, served.folder);
  await expect(settled(page)).toHaveText('0 of 2 settled');
  await editor.view.focus();
  await page.keyboard.press('Alt+1');
  await expect(disagreement(page, 1)).toContainText('settled: ann, bo');
  // The second place holds no entity (the curator's copy is cy's): "none" settles it with no edit.
  await page.keyboard.press('Shift+N');
  await page.keyboard.press('Alt+0');
  await expect(settled(page)).toHaveText('2 of 2 settled');
  await page.keyboard.press('ControlOrMeta+z');
  await expect(settled(page)).toHaveText('1 of 2 settled');
  await expect(disagreement(page, 2)).toContainText('open');
  await expect(disagreement(page, 1)).toContainText('settled: ann, bo');
  await expect(editor.entity('Ann Smith')).toHaveAttribute('data-label', 'PER');
  // The next Ctrl+Z takes back the first choice.
  await page.keyboard.press('ControlOrMeta+z');
  await expect(settled(page)).toHaveText('0 of 2 settled');
});

test('a copy changed on disk while its document is adjudicated is said when the window is back in use', async ({
  editor,
  page,
  served,
}) => {
  const view = await adjudicateNews(page, served.folder);
  await expect(settled(page)).toHaveText('0 of 2 settled');
  // Cy tags Ann Smith whole in her copy, in another program.
  await writeFile(
    path.join(path.dirname(served.folder), 'cy', 'news.txt'),
    '[PER Ann Smith  ] met the Kosovo envoy in [LOC Pristina  ] on Monday .\nThe [ORG KFOR  ] patrol left at noon .\n',
  );
  await page.evaluate(() => window.dispatchEvent(new FocusEvent('focus')));
  await expect(page.getByTestId('toast').last()).toContainText(
    "news.txt changed on disk in cy's copy since you began adjudicating it",
  );
  // Nothing changed by itself: the disagreements are the copies' before, until opened again.
  await expect(settled(page)).toHaveText('0 of 2 settled');
  await view.getByRole('button', { name: /^news\.txt/ }).click();
  await expect(settled(page)).toHaveText('0 of 1 settled');
  await expect(editor.entity('Ann Smith')).toHaveAttribute('data-label', 'PER');
});

test('the list of disagreements follows the current one, down to the last', async ({
  editor,
  page,
  served,
}) => {
  const lines = (label: string) =>
    Array.from({ length: 300 }, (_, k) => `Line ${k} : [${label} Ann  ] met Bo .\n`).join('');
  await writeFile(path.join(served.folder, 'long.txt'), lines('PER'));
  for (const [annotator, label] of [
    ['ann', 'PER'],
    ['bo', 'ORG'],
  ]) {
    await mkdir(path.join(path.dirname(served.folder), annotator), { recursive: true });
    await writeFile(path.join(path.dirname(served.folder), annotator, 'long.txt'), lines(label));
  }
  await page.reload();
  const view = await computeAgreement(page, '../ann ../bo');
  await view.getByRole('button', { name: /^long\.txt/ }).click();
  await expect(settled(page)).toHaveText('0 of 300 settled');
  const places = page.getByRole('list', { name: 'Disagreements' }).getByRole('listitem');
  await expect(places.first()).toHaveClass(/current/);
  await editor.view.focus();
  await page.keyboard.press('Shift+P'); // wraps round to the last
  await expect(places.last()).toHaveClass(/current/);
  await expect(places.last()).toBeInViewport();
});

test('the annotator summary says who was overruled on which labels', async ({
  editor,
  page,
  served,
}) => {
  const view = await adjudicateNews(page, served.folder, { 'Agreed when': 'majority' });
  // By majority, Ann Smith is in (ann and bo); Kosovo has no majority and stays open.
  await expect(settled(page)).toHaveText('1 of 2 settled');
  await expect(editor.entity('Ann Smith')).toHaveAttribute('data-label', 'PER');
  await disagreement(page, 2).getByRole('button', { name: 'ann: MISC Kosovo' }).click();
  await expect(settled(page)).toHaveText('2 of 2 settled');
  // Opened again later, the document keeps what was settled.
  await editor.openDocument('brief.txt');
  await view.getByRole('button', { name: /^news\.txt/ }).click();
  await expect(settled(page)).toHaveText('2 of 2 settled');
  await expect(editor.entity('Kosovo')).toHaveAttribute('data-label', 'MISC');

  const download = page.waitForEvent('download');
  await view.getByRole('button', { name: 'Annotator summary (JSON)' }).click();
  const summary = JSON.parse(await readFile(await (await download).path(), 'utf8'));
  expect(summary.documents).toEqual(['news.txt']);
  expect(
    summary.annotators.map(
      (a: { annotator: string; overruled: number; overruledLabels: object }) => [
        a.annotator,
        a.overruled,
        a.overruledLabels,
      ],
    ),
  ).toEqual([
    ['ann', 0, {}],
    ['bo', 1, { ORG: 1 }],
    ['cy', 1, { PER: 1 }],
  ]);
  const markdown = page.waitForEvent('download');
  await view.getByRole('button', { name: 'Annotator summary (Markdown)' }).click();
  expect(await readFile(await (await markdown).path(), 'utf8')).toContain(
    '| cy | 3 | 2 | 1 | PER 1 | 2 | MISC 1, PER 1 |',
  );
});

test('what was settled is kept with the corpus: another browser picks the adjudication up as it was left', async ({
  editor,
  page,
  served,
  browser,
}) => {
  await adjudicateNews(page, served.folder);
  await disagreement(page, 1).getByRole('button', { name: 'ann: PER Ann Smith' }).click();
  await disagreement(page, 2).getByRole('button', { name: 'cy: no entity' }).click();
  await expect(settled(page)).toHaveText('2 of 2 settled');
  await editor.save();

  // Another browser (its own storage), as the curator's other machine or the desktop app would be.
  const other = await browser.newPage();
  await other.goto(served.url);
  const otherView = await computeAgreement(other, '../ann ../bo ../cy');
  await otherView.getByRole('button', { name: /^news\.txt/ }).click();
  await expect(settled(other)).toHaveText('2 of 2 settled');
  await expect(disagreement(other, 2)).toContainText('settled: cy');
  const entities = other.getByTestId('document-view').locator('mark.entity');
  await expect(entities).toHaveText(['Ann Smith', 'Pristina', 'KFOR']);
  await expect(other.getByTestId('save-state')).toHaveText('saved');
  await other.close();
});

test('the copies named last are named again when the Agreement view opens after a reload', async ({
  editor,
  page,
  served,
}) => {
  await adjudicateNews(page, served.folder, { 'An entity is agreed when': 'majority' });
  await expect(settled(page)).toHaveText('1 of 2 settled');
  await page.reload();
  await expect(editor.view).toBeVisible();
  await page.getByRole('button', { name: 'Agreement', exact: true }).click();
  const view = agreementView(page);
  await expect(view.getByRole('textbox', { name: 'Copies' })).toHaveValue('../ann ../bo ../cy');
  await expect(view.getByRole('combobox', { name: 'An entity is agreed when' })).toHaveValue(
    'majority',
  );
  await view.getByRole('button', { name: 'Compute agreement' }).click();
  await expect(view.getByRole('button', { name: /^news\.txt/ })).toBeVisible();
});

test("the copies can be the annotators' git branches", async ({ editor, page, served }) => {
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Cu', '-c', 'user.email=cu@example.org', ...args], {
      cwd: served.folder,
    });
  git('init', '-q', '-b', 'gold');
  git('add', 'news.txt', 'brief.txt');
  git('commit', '-qm', 'the curator starts from cy');
  for (const annotator of ['ann', 'bo', 'cy']) {
    git('checkout', '-q', '-b', annotator, 'gold');
    await cp(path.join(copiesFixtures, annotator), served.folder, { recursive: true });
    git('commit', '-qam', annotator, '--allow-empty');
  }
  git('checkout', '-q', 'gold');

  const view = await computeAgreement(page, 'ann bo cy', { 'Copies are': 'git' });
  await expect(view.getByRole('table', { name: 'Pairs' }).getByRole('row')).toHaveCount(4);
  await view.getByRole('button', { name: /^news\.txt/ }).click();
  await expect(settled(page)).toHaveText('0 of 2 settled');
  await disagreement(page, 1).getByRole('button', { name: 'bo: PER Ann Smith' }).click();
  await disagreement(page, 2).getByRole('button', { name: 'cy: no entity' }).click();
  await expect(settled(page)).toHaveText('2 of 2 settled');
  await editor.save();
  expect(await editor.fileText('news.txt')).toBe(
    '[PER Ann Smith  ] met the Kosovo envoy in [LOC Pristina  ] on Monday .\n' +
      'The [ORG KFOR  ] patrol left at noon .\n',
  );
});

test('a document opened while the copies of another are on their way is left as it is', async ({
  editor,
  page,
  served,
}) => {
  await copiesBeside(served.folder);
  const view = await computeAgreement(page, '../ann ../bo ../cy');
  const news = view.getByRole('button', { name: /^news\.txt/ });
  await expect(news).toBeVisible();
  await editor.openDocument('brief.txt');
  const brief = await editor.entities();
  // news.txt's copies are answered only once brief.txt is open again.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/getCopyVersions', async (route) => {
    await released;
    await route.continue();
  });
  await news.click();
  await expect(editor.view).toHaveAttribute('aria-label', 'Document news.txt');
  await editor.openDocument('brief.txt');
  const answered = page.waitForResponse('**/api/getCopyVersions');
  release();
  await answered;
  // Once the answer has been taken in (a frame and a task later), brief.txt is as it was.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done))));
  expect(await editor.entities()).toEqual(brief);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
  await expect(settled(page)).toHaveCount(0);
});
