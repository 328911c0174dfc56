// Review in the app: the Changes list against the file as first opened, another annotator's copy, a git
// revision and the disk; Revert / Take theirs as one undoable edit; scores checked against hand-computed numbers.
import { execFile, execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { expect, test } from './support/test';

test.use({ corpus: 'review' });

const root = path.resolve(import.meta.dirname, '..');

const changes = (page: Page) => page.getByRole('list', { name: 'Changes' }).getByRole('listitem');
const review = (page: Page) => page.getByRole('region', { name: 'Review' });

test('two edits show as two changes with old and new labels; Revert undoes exactly one', async ({
  editor,
  page,
}) => {
  const original = await editor.fileText('cable.txt');
  await editor.entity('Serbs').click();
  await page.keyboard.press('1'); // PER
  await editor.entity('KFOR').click();
  await page.keyboard.press('Delete');

  await page.getByRole('button', { name: 'Review', exact: true }).click();
  await expect(changes(page)).toHaveCount(2);
  await expect(changes(page).nth(0)).toContainText('relabeled');
  await expect(changes(page).nth(0)).toContainText('“Serbs” MISC → PER');
  await expect(changes(page).nth(1)).toContainText('removed');
  await expect(changes(page).nth(1)).toContainText('“KFOR” (ORG)');
  await expect(review(page)).toContainText('2 changes: 1 removed, 1 relabeled');
  // In the text: the old label struck beside the new, the removed entity ghosted where it was.
  await expect(editor.entity('MISCSerbs')).toHaveAttribute('data-review', 'relabeled');
  await expect(editor.view.locator('.old-chip')).toHaveText('MISC');
  await expect(editor.view.locator('.ghost-chip')).toHaveText('ORG');
  await expect(editor.view.locator('.removed')).toHaveText('KFOR');

  // Each change's Revert is named by the change, so a screen reader's list of buttons tells them apart.
  const named = changes(page).getByRole('button', { name: /^Revert/ });
  for (const [k, name] of [
    'Revert (relabels it back): relabeled on line 1: “Serbs” MISC → PER',
    'Revert (adds it back): removed on line 3: “KFOR” (ORG)',
  ].entries())
    await expect(named.nth(k)).toHaveAccessibleName(name);
  await changes(page).nth(1).getByRole('button', { name: 'Revert' }).click();
  await expect(changes(page)).toHaveCount(1);
  await expect(editor.entity('KFOR')).toHaveAttribute('data-label', 'ORG');
  // One undoable step: undo brings the removal back, redo reverts it again.
  await page.keyboard.press('ControlOrMeta+z');
  await expect(changes(page)).toHaveCount(2);
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(changes(page)).toHaveCount(1);

  await editor.save();
  expect(await editor.fileText('cable.txt')).toBe(
    original.replace('[MISC Serbs  ]', '[PER Serbs  ]'),
  );
});

test('n and p jump between changes; Revert all gives back the file as opened', async ({
  editor,
  page,
}) => {
  const original = await editor.fileBytes('cable.txt');
  await editor.entity('Serbs').click();
  await page.keyboard.press('1');
  await editor.doubleClick('Pristina');
  await page.keyboard.press('2');
  await editor.view.focus();
  await page.keyboard.press('Shift+R');
  await expect(changes(page)).toHaveCount(2);
  await expect(changes(page).nth(1)).toContainText('added');
  await expect(editor.entity('Pristina')).toHaveAttribute('data-review', 'added');
  // Marked in the text in the colour its row in the list has, not in its label's (which every
  // entity has): an added entity stands out from the others.
  const underline = await editor
    .entity('Pristina')
    .evaluate((element) => getComputedStyle(element).textDecorationColor);
  const listColour = await changes(page)
    .nth(1)
    .evaluate((element) => getComputedStyle(element).borderLeftColor);
  const labelColour = await editor
    .entity('Pristina')
    .evaluate((element) => getComputedStyle(element).borderBottomColor);
  expect(underline).toBe(listColour);
  expect(underline).not.toBe(labelColour);

  await page.keyboard.press('n');
  await expect(page.getByTestId('selection')).toContainText('Serbs');
  await page.keyboard.press('n');
  await expect(page.getByTestId('selection')).toContainText('Pristina');
  await page.keyboard.press('p');
  await expect(page.getByTestId('selection')).toContainText('Serbs');

  await review(page).getByRole('button', { name: 'Revert all' }).click();
  await expect(changes(page)).toHaveCount(0);
  await expect(review(page)).toContainText('no changes');
  await editor.save();
  expect(await editor.fileBytes('cable.txt')).toEqual(original);
});

test('n and p go on from the cursor where it was moved off the current change', async ({
  editor,
  page,
}) => {
  await editor.entity('Serbs').click();
  await page.keyboard.press('1');
  await editor.doubleClick('Pristina');
  await page.keyboard.press('2');
  await editor.entity('KFOR').click();
  await page.keyboard.press('4');
  await editor.view.focus();
  await page.keyboard.press('Shift+R');
  await expect(changes(page)).toHaveCount(3);
  await page.keyboard.press('n');
  await expect(page.getByTestId('selection')).toContainText('Serbs');
  // The cursor moved to line 2, before Pristina: p goes back from there (to Serbs), n on (to Pristina).
  await editor.doubleClick('EULEX');
  await page.keyboard.press('p');
  await expect(page.getByTestId('selection')).toContainText('Serbs');
  await editor.doubleClick('EULEX');
  await page.keyboard.press('n');
  await expect(page.getByTestId('selection')).toContainText('Pristina');
  await page.keyboard.press('n');
  await expect(page.getByTestId('selection')).toContainText('KFOR');
});

test('against a second annotator: the right changes, hand-computed scores, Take theirs takes theirs', async ({
  editor,
  page,
}) => {
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  await review(page).getByLabel('Compare with').selectOption('file');
  await review(page).getByLabel('Document').selectOption('second-annotator.txt');
  await review(page).getByRole('button', { name: 'Compare' }).click();

  await expect(changes(page)).toHaveCount(5);
  const items = await changes(page).evaluateAll((lis) =>
    lis.map((li) => li.querySelector('.jump')?.textContent?.replace(/\s+/g, ' ').trim()),
  );
  expect(items).toEqual([
    'relabeled line 1 “Serbs” PER → MISC',
    'added line 1 “Kosovo” (LOC)',
    'removed line 2 “EULEX” (ORG)',
    'removed line 2 “Pristina” (LOC)',
    'resized line 3 “KFOR troops” (ORG) → “KFOR” (ORG)',
  ]);
  await expect(editor.entity('KFOR')).toHaveAttribute('data-review', 'resized');
  await expect(editor.view.locator('.old-extent')).toHaveText(['KFOR', ' troops']);

  // Theirs is the reference. Strict: COR 2 (Kosovo, Dell), INC 2 (Serbs, KFOR), MIS 2, SPU 1:
  // P 2/5, R 2/6, F1 4/11. Exact and type: COR 3, INC 1: P 3/5, R 3/6, F1 6/11.
  // Partial: COR 3, PAR 1 (half): P 3.5/5, R 3.5/6, F1 7/11.
  const scores = review(page).getByRole('table', { name: 'Scores', exact: true });
  const row = (scheme: string) => scores.locator(`tr[data-scheme="${scheme}"] td`);
  await expect(row('strict')).toHaveText(['0.400', '0.333', '0.364']);
  await expect(row('exact')).toHaveText(['0.600', '0.500', '0.545']);
  await expect(row('partial')).toHaveText(['0.700', '0.583', '0.636']);
  await expect(row('type')).toHaveText(['0.600', '0.500', '0.545']);
  // Per label, strict: LOC COR 1 MIS 1 SPU 1; PER COR 1 MIS 1; ORG INC 1 MIS 1; MISC SPU 1.
  const labels = review(page).getByRole('table', { name: 'Scores per label' });
  await expect(labels.locator('tr[data-label="LOC"] td').nth(2)).toHaveText('0.500');
  await expect(labels.locator('tr[data-label="PER"] td').nth(2)).toHaveText('0.667');
  await expect(labels.locator('tr[data-label="ORG"] td').nth(2)).toHaveText('0.000');

  // Adjudication: take their EULEX. Each button says what taking theirs does to this copy.
  await expect(review(page).getByRole('button', { name: 'Revert' })).toHaveCount(0);
  await expect(
    changes(page).nth(1).getByRole('button', { name: 'Take theirs' }),
  ).toHaveAccessibleName(/^Take theirs \(removes it\): added on line 1: “Kosovo” \(LOC\)$/);
  await expect(
    changes(page).nth(2).getByRole('button', { name: 'Take theirs' }),
  ).toHaveAccessibleName(/^Take theirs \(adds it back\): removed on line 2/);
  await changes(page).nth(2).getByRole('button', { name: 'Take theirs' }).click();
  await expect(changes(page)).toHaveCount(4);
  await expect(editor.entity('EULEX')).toHaveAttribute('data-label', 'ORG');
  await expect(row('strict')).toHaveText(['0.500', '0.500', '0.500']);
  await editor.save();
  expect(await editor.fileText('cable.txt')).toContain(
    ' met [ORG EULEX  ] officials in Pristina .',
  );
});

test.describe(() => {
  test.use({ expectedStatuses: [403] }); // the folder elsewhere, refused
  test('against an annotator’s copy in a folder beside the corpus: its version of the same document', async ({
    editor,
    page,
  }) => {
    // Bo's copy of the corpus, beside it, holds cable.txt as the second annotator tagged it.
    const bo = path.join(path.dirname(editor.folder), 'bo');
    await mkdir(bo, { recursive: true });
    await writeFile(
      path.join(bo, 'cable.txt'),
      await readFile(path.join(editor.folder, 'second-annotator.txt')),
    );
    await page.getByRole('button', { name: 'Review', exact: true }).click();
    await review(page).getByLabel('Compare with').selectOption('copy');
    await review(page).getByLabel('Copy folder').fill('../bo');
    await review(page).getByRole('button', { name: 'Compare' }).click();
    await expect(changes(page)).toHaveCount(5);
    await expect(review(page)).toContainText('bo’s copy');
    await changes(page).nth(2).getByRole('button', { name: 'Take theirs' }).click();
    await expect(editor.entity('EULEX')).toHaveAttribute('data-label', 'ORG');

    // A folder elsewhere on disk is refused, with why, in the panel: the review still shown says
    // it is bo's, so nobody accepts its changes as the refused folder's.
    await review(page).getByLabel('Copy folder').fill('../../..');
    await review(page).getByRole('button', { name: 'Compare' }).click();
    const refusal = review(page).getByRole('alert');
    await expect(refusal).toContainText('must be a folder inside or beside');
    await expect(refusal).toHaveText(/[.!?] Still shown: the review against bo’s copy\.$/);
    await expect(changes(page)).toHaveCount(4);

    // A comparison that works again takes the refusal away.
    await review(page).getByLabel('Copy folder').fill('../bo');
    await review(page).getByRole('button', { name: 'Compare' }).click();
    await expect(refusal).toHaveCount(0);
  });
});

test.describe(() => {
  test.use({ expectedStatuses: [403] });
  test('a baseline with broken markup says where, and a text edit of spaces shows each space', async ({
    editor,
    page,
  }) => {
    // Bo's copy: a close left out on line 1, and two spaces where the text has one on line 3.
    const bo = path.join(path.dirname(editor.folder), 'bo');
    await mkdir(bo, { recursive: true });
    const lines = (await editor.fileText('cable.txt')).split('\n');
    lines[0] = lines[0].replace('[MISC Serbs  ]', '[MISC Serbs');
    lines[2] = lines[2].replace('troops stayed', 'troops  stayed');
    await writeFile(path.join(bo, 'cable.txt'), lines.join('\n'));
    await page.getByRole('button', { name: 'Review', exact: true }).click();
    await review(page).getByLabel('Compare with').selectOption('copy');
    await review(page).getByLabel('Copy folder').fill('../bo');
    await review(page).getByRole('button', { name: 'Compare' }).click();
    await expect(review(page).getByRole('alert')).toHaveText(
      /^bo’s copy has broken markup, where its entities are not compared: line 1: /,
    );
    const spaces = page.getByRole('list', { name: 'Text edits' }).getByRole('listitem').last();
    // The copy's extra space is the edit (two spaces in the copy, one here).
    await expect(spaces).toContainText('"␣" → ""');
  });
});

test('the saved JSON report matches emend diff --json on the same pair', async ({
  editor,
  page,
}) => {
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  await review(page).getByLabel('Compare with').selectOption('file');
  await review(page).getByLabel('Document').selectOption('second-annotator.txt');
  await review(page).getByRole('button', { name: 'Compare' }).click();
  await expect(changes(page)).toHaveCount(5);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    review(page).getByRole('button', { name: 'Save report (JSON)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('cable.txt-review.json');
  const report = JSON.parse(await readFile(await download.path(), 'utf8'));

  const cli = await promisify(execFile)(
    process.execPath,
    [
      'bin/emend.js',
      'diff',
      '--json',
      path.join(editor.folder, 'second-annotator.txt'),
      path.join(editor.folder, 'cable.txt'),
    ],
    { cwd: root },
  ).catch((error: { stdout: string }) => error);
  const json = JSON.parse(cli.stdout);
  expect(report.documents[0].changes).toEqual(json.changes);
  expect(report.documents[0].textEdits).toEqual(json.textEdits);
  expect(report.scores).toEqual(json.scores);
  expect(report.baseline).toBe('second-annotator.txt');
});

test('a git revision as baseline, picked from the file’s recent commits', async ({
  editor,
  page,
}) => {
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
      cwd: editor.folder,
    });
  git('init', '-q');
  git('add', 'cable.txt');
  git('commit', '-qm', 'first pass of the cable');
  await editor.entity('Serbs').click();
  await page.keyboard.press('3'); // ORG

  await page.getByRole('button', { name: 'Review', exact: true }).click();
  await review(page).getByLabel('Compare with').selectOption('git');
  const commits = review(page).getByLabel('Recent commits');
  await expect(commits.getByRole('option', { name: /first pass of the cable/ })).toHaveCount(1);
  const hash = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: editor.folder, encoding: 'utf8' });
  // Picking a commit compares with it at once: what is shown is never another baseline's.
  await commits.selectOption(hash.trim());
  // Named short, as git names a commit; the panel never runs wider than the window.
  await expect(review(page)).toContainText(`Against git revision ${hash.slice(0, 12)}`);
  await expect(review(page)).not.toContainText(hash.trim());
  const overflow = await review(page).evaluate((panel) => panel.scrollWidth - panel.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(changes(page)).toHaveCount(1);
  await expect(changes(page).first()).toContainText('“Serbs” MISC → ORG');
  await expect(changes(page).first().getByRole('button', { name: 'Take theirs' })).toBeVisible();
});

test('the conflict banner shows what differs from the disk before choosing', async ({
  editor,
  page,
}) => {
  await editor.entity('Serbs').click();
  await page.keyboard.press('1'); // PER, unsaved
  await editor.settled(); // the edit is journaled: the file changes under an unsaved edit
  const file = path.join(editor.folder, 'cable.txt');
  await writeFile(file, (await readFile(file, 'utf8')).replace('[ORG KFOR  ]', 'KFOR'));
  const banner = page.getByRole('alert').filter({ hasText: 'changed on disk' });
  await expect(banner).toBeVisible();
  await banner.getByRole('button', { name: 'Show differences' }).click();
  await expect(review(page)).toContainText('Against the file on disk');
  await expect(changes(page)).toHaveCount(2);
  await expect(changes(page).nth(0)).toContainText('“Serbs” MISC → PER');
  await expect(changes(page).nth(1)).toContainText('added');
  await expect(changes(page).nth(1)).toContainText('“KFOR” (ORG)');
});

test.describe('a revision that names no commit', () => {
  // Compare corpus cancels the comparison the panel started on opening, when it still runs: that
  // call is answered 409 (cancelled), which Chromium logs.
  test.use({ expectedStatuses: [409] });

  test('corpus review against a revision that names no commit: said once, no scores, no report', async ({
    editor,
    page,
  }) => {
    execFileSync('git', ['init', '-q'], { cwd: editor.folder });
    await page.getByRole('button', { name: 'Corpus review' }).click();
    const panel = page.getByRole('region', { name: 'Corpus review' });
    await panel.getByRole('combobox', { name: 'Compare the corpus with' }).selectOption('git');
    await panel.getByRole('textbox', { name: 'Corpus revision' }).fill('no-such-ref');
    await panel.getByRole('button', { name: 'Compare corpus' }).click();
    await expect(panel.getByRole('status')).toHaveText(
      'No document could be compared against git revision no-such-ref: "no-such-ref" is not a commit in this repository.',
    );
    await expect(panel.getByRole('table')).toHaveCount(0);
    await expect(panel.getByRole('button', { name: /Save corpus report/ })).toHaveCount(0);
  });
});

test('corpus review: which documents changed and how much, corpus scores, reviewed marks, report', async ({
  editor,
  page,
}) => {
  await editor.entity('Serbs').click();
  await page.keyboard.press('1'); // PER
  await editor.save();
  await page.getByRole('button', { name: 'Corpus review' }).click();
  const panel = page.getByRole('region', { name: 'Corpus review' });
  await expect(panel.getByRole('status')).toHaveText(
    /^1 of 2 documents changed against each file as first opened;\s+1 change: 1 relabeled\.$/,
  );
  const rows = panel.getByRole('table', { name: 'Documents' });
  // Each row counts its changes, named in the cell's title; a row without changes shows a dash.
  const cableRow = rows.locator('tr[data-id="cable.txt"] td').first();
  await expect(cableRow).toHaveText('1');
  await expect(cableRow).toHaveAttribute('title', '1 change: 1 relabeled');
  await expect(rows.locator('tr[data-id="second-annotator.txt"] td').first()).toHaveText('—');
  // cable: 4 of 5 entities same, Serbs relabeled; the second copy: 6 of 6 same.
  // Strict: COR 10, INC 1 over 11 on each side: P = R = F1 = 10/11.
  await expect(
    panel
      .getByRole('table', { name: 'Scores', exact: true })
      .locator('tr[data-scheme="strict"] td'),
  ).toHaveText(['0.909', '0.909', '0.909']);

  await panel.getByRole('button', { name: 'Reviewed cable.txt' }).click();
  await expect(panel.getByRole('button', { name: 'Reviewed cable.txt' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  const cable = editor.sidebar.getByRole('button', { name: /cable\.txt/ });
  await expect(cable).toContainText('reviewed');
  // An edit after review clears the mark.
  await editor.entity('Serbs').click();
  await page.keyboard.press('2');
  await expect(cable).not.toContainText('reviewed');
  await expect(panel.getByRole('button', { name: 'Reviewed cable.txt' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  // The figures were computed before that edit, and say so until the corpus is compared again.
  await expect(panel.getByRole('note')).toHaveText(
    'Edited since this comparison: Compare corpus again for the figures as they are now.',
  );

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Save corpus report (Markdown)' }).click(),
  ]);
  const markdown = await readFile(await download.path(), 'utf8');
  expect(markdown).toContain('1 of 2 documents changed; 1 change: 1 relabeled.');
  expect(markdown).toContain('| `cable.txt` | 1 change: 1 relabeled | 0.800 |');
  expect(markdown).toContain('- 1:28 relabeled `Serbs` MISC → PER');
});

test.describe('a review of many changes', () => {
  test.use({ corpus: 'many-changes' });

  test('lists 500 changes around the current one, and N and P still go through all of them', async ({
    editor,
    page,
  }) => {
    await editor.openDocument('a.txt');
    await editor.view.focus();
    await page.keyboard.press('Shift+R');
    await review(page).getByLabel('Compare with').selectOption('file');
    await review(page).getByLabel('Document').selectOption('b.txt');
    await review(page).getByRole('button', { name: 'Compare' }).click();
    await expect(review(page)).toContainText('1200 changes: 1200 relabeled');
    await expect(changes(page)).toHaveCount(500);
    await expect(review(page).getByRole('note')).toHaveText(
      'Changes 1–500 of 1200 listed (around the current one); N and P go through them all.',
    );
    // Back from the first change: the last one, on line 1200, listed with those before it.
    await editor.view.focus();
    await page.keyboard.press('n');
    await page.keyboard.press('p');
    await expect(page.getByTestId('selection')).toContainText('line 1200');
    await expect(review(page).getByRole('note')).toContainText('Changes 701–1200 of 1200');
    await expect(changes(page).last()).toContainText('line 1200');
  });
});
