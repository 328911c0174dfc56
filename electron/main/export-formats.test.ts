import { describe, expect, it } from 'vitest';
import type { DocumentState } from '../../shared/api/contract';
import { parse } from '../../shared/format/parse';
import { EXPORT_FORMATS, exportFileName, formatForPath } from './export-formats';

function stateOf(source: string): DocumentState {
  const doc = parse(source);
  return {
    ...doc,
    id: 'news/day1.txt',
    revision: 3,
    entities: [...doc.entities],
    labels: [...doc.labels],
    diagnostics: [...doc.diagnostics],
    dirty: true,
    canUndo: true,
    canRedo: false,
  };
}

describe('File › Export…', () => {
  it('writes the bracket text of the document as it is on screen', () => {
    const state = stateOf('Integrating [LOC Kosovo  ] into society .\n');
    const edited = {
      ...state,
      entities: [
        ...state.entities,
        {
          id: 9,
          start: state.text.indexOf('society'),
          end: state.text.indexOf(' .'),
          label: 'MISC',
        },
      ],
    };
    expect(formatForPath('/tmp/out.txt').write(edited)).toBe(
      'Integrating [LOC Kosovo  ] into [MISC society  ] .\n',
    );
  });

  it('picks the format by extension and suggests a name beside the original', () => {
    expect(formatForPath('/tmp/OUT.TXT')).toBe(EXPORT_FORMATS[0]);
    expect(formatForPath('/tmp/no-extension')).toBe(EXPORT_FORMATS[0]);
    expect(exportFileName('news/day1.txt', EXPORT_FORMATS[0])).toBe('day1.export.txt');
  });
});
