import { describe, expect, it } from 'vitest';
import type { DocumentState } from '../../shared/api/contract';
import { EXPORT_FORMATS } from '../../shared/convert/export';
import { parse } from '../../shared/format/parse';
import { validate } from '../../shared/format/validate';
import { ExportRefused } from '../../shared/convert/export-policy';
import { EXPORT_CHOICES, exportFileName, exportFiles } from './export-formats';

/** The state the workspace serves for source, with one unsaved edit: "society" tagged MISC. */
function editedState(source: string): DocumentState {
  const doc = parse(source);
  const start = doc.text.indexOf('society');
  return {
    ...doc,
    id: 'news/day1.txt',
    revision: 1,
    entities: [...doc.entities, { id: doc.nextId, start, end: start + 7, label: 'MISC' }],
    nextId: doc.nextId + 1,
    labels: [...doc.labels],
    diagnostics: validate(doc),
    dirty: true,
    canUndo: true,
    canRedo: false,
  };
}

const state = editedState('Integrating [LOC Kosovo  ] into society .\n');

describe('File › Export…', () => {
  it('offers every format shared/convert writes', () => {
    expect(EXPORT_CHOICES.map((choice) => choice.format).sort()).toEqual(
      [...EXPORT_FORMATS].sort(),
    );
  });

  it('writes the bracket text as it is on screen, unsaved edits included', () => {
    expect(exportFiles(state, 'brackets', '/out/day1.txt')).toEqual({
      files: [
        { path: '/out/day1.txt', content: 'Integrating [LOC Kosovo  ] into [MISC society  ] .\n' },
      ],
      warnings: [],
    });
  });

  it('writes CoNLL with the edit as an entity', () => {
    const { files } = exportFiles(state, 'conll', '/out/day1.conll');
    expect(files).toHaveLength(1);
    expect(files[0].path).toBe('/out/day1.conll');
    expect(files[0].content).toMatch(/Kosovo.*B-LOC/);
    expect(files[0].content).toMatch(/society.*B-MISC/);
  });

  it('writes brat as a .txt and .ann pair beside the chosen name', () => {
    const { files } = exportFiles(state, 'brat', '/out/day1.ann');
    expect(files.map((file) => file.path).sort()).toEqual(['/out/day1.ann', '/out/day1.txt']);
    expect(files.find((file) => file.path.endsWith('.txt'))?.content).toBe(
      'Integrating Kosovo into society .\n',
    );
  });

  it('refuses a document with annotation errors, as the CLI and the Export dialog do', () => {
    const broken = editedState('Integrating Kosovo into society .\n[LOC Pristina\n');
    expect(() => exportFiles(broken, 'conll', '/out/day1.conll')).toThrow(
      new ExportRefused([
        'news/day1.txt:2:1: unclosed-entity: entity [LOC is not closed on its line',
      ]),
    );
  });

  it('suggests a name that cannot be mistaken for the original', () => {
    expect(exportFileName('news/day1.txt', EXPORT_CHOICES[0])).toBe('day1.export.txt');
    expect(exportFileName('news/day1.txt', EXPORT_CHOICES[1])).toBe('day1.export.conll');
  });
});
