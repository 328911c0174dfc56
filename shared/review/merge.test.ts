import { describe, expect, it } from 'vitest';
import { parse } from '../format/parse';
import { mergeDocuments } from './merge';

const merge = (base: string, ours: string, theirs: string) =>
  mergeDocuments(parse(base), parse(ours), parse(theirs));

const LINE = 'Integrating [LOC Kosovo  ] [MISC Serbs  ] into [LOC Kosovo  ] society .\n';

describe('three-way merge of bracket documents', () => {
  it('merges changes to different entities of one line, keeping every other byte', () => {
    const ours = LINE.replace('[LOC Kosovo  ] [', '[ORG Kosovo  ] [');
    const theirs = LINE.replace('[MISC Serbs', '[PER Serbs');
    expect(merge(LINE, ours, theirs)).toEqual({
      text: 'Integrating [ORG Kosovo  ] [PER Serbs  ] into [LOC Kosovo  ] society .\n',
      conflicts: 0,
    });
  });

  it('merges an added entity on one side with a removed one on the other', () => {
    const base = 'KFOR met [PER Ann  ] in Pristina .\n';
    const ours = '[ORG KFOR  ] met [PER Ann  ] in Pristina .\n';
    const theirs = 'KFOR met Ann in [LOC Pristina  ] .\n';
    expect(merge(base, ours, theirs).text).toBe('[ORG KFOR  ] met Ann in [LOC Pristina  ] .\n');
  });

  it('takes the same change made on both sides once', () => {
    const ours = LINE.replace('[MISC Serbs', '[ORG Serbs');
    expect(merge(LINE, ours, ours)).toEqual({ text: ours, conflicts: 0 });
  });

  it.each([
    ['relabeled two ways', '[ORG Kosovo Serbs  ]', '[PER Kosovo Serbs  ]'],
    ['resized two ways', '[MISC Kosovo  ] Serbs', 'Kosovo [MISC Serbs  ]'],
    ['removed on one side, relabeled on the other', 'Kosovo Serbs', '[ORG Kosovo Serbs  ]'],
  ])('one entity %s is a conflict with git markers, ours then theirs', (_name, mine, yours) => {
    const base = 'first [PER Ann  ] line\nthe [MISC Kosovo Serbs  ] met [LOC Rome  ]\nlast line\n';
    const ours = base.replace('[MISC Kosovo Serbs  ]', mine);
    const theirs = base.replace('[MISC Kosovo Serbs  ]', yours).replace('[PER Ann', '[ORG Ann');
    const result = merge(base, ours, theirs);
    expect(result.conflicts).toBe(1);
    expect(result.text).toBe(
      `first [ORG Ann  ] line\n<<<<<<< ours\nthe ${mine} met [LOC Rome  ]\n=======\nthe ${yours} met [LOC Rome  ]\n>>>>>>> theirs\nlast line\n`,
    );
  });

  it('conflicts when additions from the two sides overlap', () => {
    const base = 'New York City\n';
    const result = merge(base, '[LOC New York  ] City\n', 'New [LOC York City  ]\n');
    expect(result.conflicts).toBe(1);
  });

  it('merges text by line: edits on different lines merge, on the same line conflict', () => {
    const base = 'one [PER Ann  ]\ntwo\nthree [LOC Paris  ]\n';
    const ours = 'one [PER Ann  ] !\ntwo\nthree [LOC Paris  ]\n';
    const theirs = 'one [PER Ann  ]\ntwo\nthree [LOC Paris  ] ?\n';
    expect(merge(base, ours, theirs)).toEqual({
      text: 'one [PER Ann  ] !\ntwo\nthree [LOC Paris  ] ?\n',
      conflicts: 0,
    });
    const clash = merge(base, ours, 'one [PER Ann  ] ?\ntwo\nthree [LOC Paris  ]\n');
    expect(clash.conflicts).toBe(1);
    expect(clash.text).toBe(
      '<<<<<<< ours\none [PER Ann  ] !\n=======\none [PER Ann  ] ?\n>>>>>>> theirs\ntwo\nthree [LOC Paris  ]\n',
    );
  });

  it('conflicts when one side edits the text of a line whose entities the other changed', () => {
    const base = 'one [PER Ann  ]\n';
    const result = merge(base, 'one [PER Ann  ] !\n', 'one [ORG Ann  ]\n');
    expect(result.conflicts).toBe(1);
  });

  it('keeps each entity its own close marker, the BOM and CRLF, and writes CRLF markers in a CRLF file', () => {
    const base = '\uFEFFa [PER Ann ] b [LOC Rome  ]\r\nc [ORG UN  ]\r\n';
    const ours = base.replace('[PER Ann ]', '[MISC Ann ]').replace('[ORG UN', '[LOC UN');
    const theirs = base.replace('[LOC Rome', '[ORG Rome').replace('[ORG UN', '[PER UN');
    expect(merge(base, ours, theirs).text).toBe(
      '\uFEFFa [MISC Ann ] b [ORG Rome  ]\r\n<<<<<<< ours\r\nc [LOC UN  ]\r\n=======\r\nc [PER UN  ]\r\n>>>>>>> theirs\r\n',
    );
  });

  it('adds a line end before the separator when a conflicting last line has none', () => {
    const result = merge('[PER Ann  ]', '[ORG Ann  ]', '[LOC Ann  ]');
    expect(result.text).toBe('<<<<<<< ours\n[ORG Ann  ]\n=======\n[LOC Ann  ]\n>>>>>>> theirs\n');
  });
});
