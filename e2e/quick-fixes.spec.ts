// Quick fixes of malformed markup: offered per problem, previewed, applied as one undoable edit, saved byte-exact.
import { expect, test, useCorpusOf } from './support/test';

test.use({ corpus: 'daily' });

test('a problem offers its fixes with a preview; the fix is one undoable edit saved to disk', async ({
  editor,
  page,
}) => {
  await editor.openDocument('broken.txt');
  const original = await editor.fileText('broken.txt');
  const problems = page.getByRole('region', { name: 'Problems' });
  await problems.getByRole('button', { name: /^Quick fixes for line 3: text is glued/ }).click();
  const fixes = page.getByRole('dialog', { name: 'Quick fixes' });
  await expect(
    fixes.getByRole('menuitem', { name: 'Insert a space after the close marker' }),
  ).toBeFocused();
  await expect(fixes.getByLabel('Before', { exact: true })).toHaveText(
    'The [ORG European Union  ]. sent [PER Javier Solana ] to [GPE Paris  ] .',
  );
  await expect(fixes.getByLabel('After', { exact: true })).toHaveText(
    'The [ORG European Union  ] . sent [PER Javier Solana ] to [GPE Paris  ] .',
  );
  // A screen reader says the preview with the fix the focus is on, not only its title.
  await expect(
    fixes.getByRole('menuitem', { name: 'Insert a space after the close marker' }),
  ).toHaveAccessibleDescription(
    'Before: The [ORG European Union  ]. sent [PER Javier Solana ] to [GPE Paris  ] . ' +
      'After: The [ORG European Union  ] . sent [PER Javier Solana ] to [GPE Paris  ] .',
  );
  await expect(fixes.getByRole('button', { name: 'Close quick fixes (Esc)' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(fixes).toBeHidden();
  await expect(problems.getByText('text is glued')).toHaveCount(0);

  // The stray close, from the keyboard: cursor on it, Ctrl/⌘+., Enter.
  await editor.clickWord('stray');
  await page.keyboard.press('ControlOrMeta+.');
  await expect(
    fixes.getByRole('menuitem', { name: 'Remove the stray close marker' }),
  ).toBeFocused();
  await page.keyboard.press('Enter');
  await editor.save();
  const fixed = original
    .replace('Union  ]. sent', 'Union  ] . sent')
    .replace('a stray  ] here', 'a stray here');
  expect(await editor.fileText('broken.txt')).toBe(fixed);

  // Undo takes back the last fix (and only it), byte for byte.
  await editor.view.focus();
  await page.keyboard.press('ControlOrMeta+z');
  await editor.save();
  expect(await editor.fileText('broken.txt')).toBe(
    original.replace('Union  ]. sent', 'Union  ] . sent'),
  );
});

test.describe('a fix of the entity selected', () => {
  useCorpusOf({
    'doc.txt':
      '[PER Ann  ] met Bob .\nNothing here .\nThey flew to [LOC Oslo  ], then [LOC Rome  ] .\n',
  });

  test('keeps the entity selected, so that Tab goes on from it', async ({ editor, page }) => {
    await editor.openDocument('doc.txt');
    const selection = page.getByTestId('selection');
    await editor.view.focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(selection).toContainText('Oslo');
    await page.keyboard.press('ControlOrMeta+.');
    const fixes = page.getByRole('dialog', { name: 'Quick fixes' });
    await expect(
      fixes.getByRole('menuitem', { name: 'Insert a space after the close marker' }),
    ).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(fixes).toBeHidden();
    await expect(selection).toContainText('Oslo');
    await page.keyboard.press('Tab');
    await expect(selection).toContainText('Rome');
  });
});

test('an unknown label can join the label set, or be relabeled as a known one', async ({
  editor,
  page,
}) => {
  await editor.openDocument('broken.txt');
  const problems = page.getByRole('region', { name: 'Problems' });
  const fixes = page.getByRole('dialog', { name: 'Quick fixes' });
  const warnings = page.getByRole('button', { name: /broken\.txt/ }).getByTitle('warnings');
  const warningsBefore = Number((await warnings.textContent())?.replace(/\D/g, ''));
  // A screen reader says the count in words, not the sign.
  await expect(warnings).toHaveAccessibleName(`${warningsBefore} warnings`);
  await problems.getByRole('button', { name: /^Quick fixes for line 3: label GPE/ }).click();
  await fixes.getByRole('menuitem', { name: 'Relabel as LOC' }).hover();
  await expect(fixes.getByLabel('After', { exact: true })).toContainText('[LOC Paris  ]');
  await fixes.getByRole('menuitem', { name: 'Add GPE to the label set' }).click();
  await expect(
    page.getByRole('region', { name: 'Labels' }).getByRole('button', { name: 'GPE', exact: true }),
  ).toBeVisible();
  await expect(problems).not.toContainText('label GPE is not in the label set');
  await expect(warnings).toHaveText(`▲ ${warningsBefore - 1}`);

  await problems.getByRole('button', { name: /^Quick fixes for line 3: close marker/ }).click();
  // The marker's two spaces show (HTML would fold them into one: the very marker being fixed), and
  // are counted out for assistive technology, which folds them too.
  const close = fixes.getByRole('menuitem', { name: 'Write this close as "2 spaces ]"' });
  await expect(close).toHaveText('Write this close as ␣␣]');
  await close.click();
  await editor.save();
  expect((await editor.fileText('broken.txt')).split('\n')[2]).toBe(
    'The [ORG European Union  ]. sent [PER Javier Solana  ] to [GPE Paris  ] .',
  );
});

test.describe('a merge conflict git left in a file', () => {
  const CONFLICTED =
    'The [ORG Quint  ] met .\n<<<<<<< HEAD\nIn [LOC Rome  ] .\n=======\nIn [ORG Rome  ] .\n' +
    '>>>>>>> bo\nDone .\n';
  useCorpusOf({ 'merged.txt': CONFLICTED });

  test('is a problem whose fix keeps one side, previewed as the block, saved byte-exact', async ({
    editor,
    page,
  }) => {
    const problems = page.getByRole('region', { name: 'Problems' });
    await problems
      .getByRole('button', { name: /^Quick fixes for line 2: unresolved merge conflict/ })
      .click();
    const fixes = page.getByRole('dialog', { name: 'Quick fixes' });
    await fixes.getByRole('menuitem', { name: 'Keep theirs (1 line)' }).hover();
    await expect(fixes.getByLabel('Before', { exact: true })).toHaveText(
      '<<<<<<< HEAD\nIn [LOC Rome  ] .\n=======\nIn [ORG Rome  ] .\n>>>>>>> bo',
    );
    await expect(fixes.getByLabel('After', { exact: true })).toHaveText('In [ORG Rome  ] .');
    await fixes.getByRole('menuitem', { name: 'Keep theirs (1 line)' }).click();
    await expect(editor.entity('Rome')).toHaveAttribute('data-label', 'ORG');
    await expect(problems).toBeHidden();
    await editor.save();
    expect(await editor.fileText('merged.txt')).toBe(
      'The [ORG Quint  ] met .\nIn [ORG Rome  ] .\nDone .\n',
    );
  });
});
