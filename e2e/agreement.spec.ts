// The Agreement view shows the figures `emend agree --json` prints for the same copies, to the digit.
import { execFile } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { AgreementReport } from '../shared/agreement/report';
import { computeAgreement, copiesBeside } from './support/copies';
import { expect, test } from './support/test';

test.use({ corpus: 'adjudicate/gold' });

const root = path.resolve(import.meta.dirname, '..');
const fixtures = path.resolve(import.meta.dirname, 'fixtures/adjudicate');
const COPIES = ['ann', 'bo', 'cy'];

const figure = (value: number | null) => (value === null ? '—' : value.toFixed(3));

test("the figures shown are the CLI's on the same copies", async ({ editor, page, served }) => {
  await copiesBeside(served.folder);
  const beside = path.dirname(served.folder);
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [path.join(root, 'bin/emend.js'), 'agree', '--json', ...COPIES],
    { cwd: beside },
  );
  const cli = JSON.parse(stdout) as AgreementReport;

  await editor.view.focus();
  await page.keyboard.press('Shift+A');
  const view = page.getByRole('region', { name: 'Agreement' });
  await view.getByRole('textbox', { name: 'Copies' }).fill(COPIES.map((c) => `../${c}`).join(' '));
  await view.getByRole('button', { name: 'Compute agreement' }).click();

  const figures = view.getByRole('table', { name: 'Agreement figures' });
  await expect(figures.getByRole('caption')).toContainText(`(${cli.items} tokens)`);
  for (const [name, value] of [
    ["Fleiss' κ", cli.fleissKappa],
    ["Krippendorff's α", cli.krippendorffAlpha],
    ['Unitizing α (spans)', cli.unitizingAlpha],
    ["Gwet's AC1", cli.gwetAC1],
  ] as const) {
    await expect(figures.getByRole('row', { name })).toHaveText(`${name}${figure(value)}`);
  }
  await expect(figures.getByRole('row', { name: 'Entities per copy' })).toHaveText(
    `Entities per copy${cli.annotators.map((name, k) => `${name} ${cli.entities[k]}`).join(' · ')}`,
  );
  const pairs = view.getByRole('table', { name: 'Pairs' }).getByRole('row');
  await expect(pairs).toHaveCount(cli.pairs.length + 1);
  // Every figure is in the panel: the table (its caption too) is no wider than the view.
  const panel = (await view.boundingBox())!;
  for (const table of await view.getByRole('table').all()) {
    const box = (await table.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(panel.x + panel.width);
  }
  for (const [index, pair] of cli.pairs.entries()) {
    await expect(pairs.nth(index + 1)).toHaveText(
      [
        `${pair.a}–${pair.b}`,
        ...[
          pair.cohenKappa,
          pair.gwetAC1,
          pair.strictF1,
          pair.exactF1,
          pair.partialF1,
          pair.typeF1,
        ].map(figure),
      ].join(''),
    );
    // Each F1 says its precision and recall (the first copy as reference) on hover.
    await expect(
      pairs
        .nth(index + 1)
        .getByRole('cell')
        .nth(2),
    ).toHaveAttribute(
      'title',
      `precision ${figure(pair.strictPrecision)}, recall ${figure(pair.strictRecall)}`,
    );
  }
  const labels = view.getByRole('table', { name: 'Per label' });
  for (const [label, values] of Object.entries(cli.labels)) {
    await expect(labels.getByRole('row', { name: label })).toHaveText(
      [label, values.fleissKappa, values.krippendorffAlpha, values.gwetAC1, values.unitizingAlpha]
        .map((value) => (typeof value === 'string' ? value : figure(value)))
        .join(''),
    );
  }
  // Per document, worst first.
  const worstFirst = [...cli.documents].sort(
    (a, b) => (a.krippendorffAlpha ?? Infinity) - (b.krippendorffAlpha ?? Infinity),
  );
  const documents = view.getByRole('list', { name: 'Documents, worst first' }).getByRole('button');
  await expect(documents).toHaveCount(worstFirst.length);
  for (const [index, document] of worstFirst.entries()) {
    await expect(documents.nth(index)).toHaveAccessibleName(
      `${document.path}: α ${figure(document.krippendorffAlpha)}`,
    );
  }
  expect(worstFirst.map((document) => document.path)).toEqual(['news.txt', 'brief.txt']);
});

test('with long annotator names, even with nowhere to break, the panel never scrolls sideways and every figure shows', async ({
  editor,
  page,
  served,
}) => {
  const beside = path.dirname(served.folder);
  const names = [
    'alexandra-konstantinopoulou',
    'bo_the_second_annotator_with_an_extremely_long_underscore_name',
    'cy',
  ];
  for (const [k, name] of names.entries())
    await cp(path.join(fixtures, COPIES[k]), path.join(beside, name), { recursive: true });
  await editor.view.focus();
  const view = await computeAgreement(page, names.map((c) => `../${c}`).join(' '));
  const figures = view.getByRole('table', { name: 'Agreement figures' });
  await expect(figures.getByRole('row', { name: "Fleiss' κ" })).toBeVisible();
  const pairs = view.getByRole('table', { name: 'Pairs' });
  await expect(pairs.getByRole('row')).toHaveCount(4);
  expect(await view.evaluate((panel) => panel.scrollWidth - panel.clientWidth)).toBeLessThanOrEqual(
    0,
  );
  const panel = (await view.boundingBox())!;
  const inPanel = async (box: { x: number; width: number } | null) =>
    expect(box!.x + box!.width).toBeLessThanOrEqual(panel.x + panel.width);
  await inPanel(await figures.boundingBox());
  for (const cell of await pairs.getByRole('row').last().getByRole('cell').all())
    await inPanel(await cell.boundingBox());
  await inPanel(await view.getByText(/^Copies: /).boundingBox());
  await inPanel(await view.getByRole('list', { name: 'Warnings' }).boundingBox());
});

test('with long label names, every per-label figure shows in the panel, none behind a sideways scroll', async ({
  editor,
  page,
  served,
}) => {
  await copiesBeside(served.folder);
  for (const annotator of COPIES) {
    for (const name of ['brief.txt', 'news.txt']) {
      const file = path.join(path.dirname(served.folder), annotator, name);
      await writeFile(file, (await readFile(file, 'utf8')).replaceAll('[PER ', '[creative-work '));
    }
  }
  await editor.view.focus();
  const view = await computeAgreement(page, COPIES.map((c) => `../${c}`).join(' '));
  const labels = view.getByRole('table', { name: 'Per label' });
  await expect(labels.getByRole('row', { name: 'creative-work' })).toBeVisible();
  const panel = (await view.boundingBox())!;
  for (const cell of await labels
    .getByRole('row', { name: 'creative-work' })
    .getByRole('cell')
    .all()) {
    const box = (await cell.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(panel.x + panel.width);
  }
});

test.describe(() => {
  test.use({ expectedStatuses: [400] });

  test('a copy named twice is refused with a message, the figures of the copies before kept and named', async ({
    editor,
    page,
    served,
  }) => {
    await copiesBeside(served.folder);
    await editor.view.focus();
    await page.keyboard.press('Shift+A');
    const view = page.getByRole('region', { name: 'Agreement' });
    const copies = view.getByRole('textbox', { name: 'Copies' });
    await copies.fill('../ann ../bo');
    await copies.press('Enter');
    await expect(view.getByRole('table', { name: 'Pairs' }).getByRole('row')).toHaveCount(2);

    await view.getByText('Copies: ann, bo').click();
    await copies.fill('../ann ../bo ../ann ../bo');
    await copies.press('Enter');
    await expect(view.getByRole('alert')).toHaveText(
      `the copy "../ann" is named twice: name each annotator's copy once (The figures below are still those of ann, bo.)`,
    );
    await expect(view.getByRole('table', { name: 'Pairs' }).getByRole('row')).toHaveCount(2);
  });
});
