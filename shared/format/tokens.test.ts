import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countTagCuts,
  countTokensInUtf8,
  isTokenEnd,
  nextTokenEnd,
  nextTokenStart,
  previousTokenEnd,
  previousTokenStart,
  snapToTokens,
  TAG_AHEAD,
  TAG_BEHIND,
  tagAround,
  tagEndsAt,
  tagSpans,
  tagStartsAt,
  tokenSpans,
} from './tokens';
import { diagnose } from './parse';

const text = 'Integrating Kosovo Serbs into\nKosovo society .';

describe('tokens', () => {
  it('snaps a partial selection to whole tokens', () => {
    expect(snapToTokens(text, 14, 21)).toEqual({ start: 12, end: 24 }); // "sovo Ser" → "Kosovo Serbs"
    expect(snapToTokens(text, 11, 19)).toEqual({ start: 12, end: 18 }); // leading/trailing spaces dropped
    expect(snapToTokens(text, 21, 14)).toEqual({ start: 12, end: 24 }); // a backwards drag
  });

  it('snaps a caret to the token it touches and refuses blank spans', () => {
    expect(snapToTokens(text, 15, 15)).toEqual({ start: 12, end: 18 });
    expect(snapToTokens(text, 18, 18)).toEqual({ start: 12, end: 18 });
    expect(snapToTokens('a   b', 2, 3)).toBeNull();
    expect(snapToTokens('', 0, 0)).toBeNull();
  });

  it('steps over tokens without leaving the line', () => {
    expect(nextTokenStart(text, 12)).toBe(19);
    expect(nextTokenStart(text, 25)).toBe(-1); // "into" is the last token of line 1
    expect(previousTokenEnd(text, 19)).toBe(18);
    expect(previousTokenEnd(text, 30)).toBe(-1); // first token of line 2
    expect(previousTokenStart(text, 19)).toBe(12);
    expect(nextTokenEnd(text, 18)).toBe(24);
    expect(nextTokenEnd(text, 29)).toBe(-1);
  });

  it('has one definition of a token: NBSP and U+FEFF belong to tokens, ASCII whitespace separates', () => {
    const odd = 'New\u00a0York is\ufeff big\tnow';
    expect(tokenSpans(odd)).toEqual([
      [0, 8],
      [9, 12],
      [13, 16],
      [17, 20],
    ]);
    // Snapping agrees with the list of tokens everywhere.
    for (const [start, end] of tokenSpans(odd)) {
      for (let at = start; at < end; at++)
        expect(snapToTokens(odd, at, at)).toEqual({ start, end });
    }
  });
});

describe('tokens next to HTML tags', () => {
  const cable = "Ambassador DELL</pre></code> x <a href='#p'>¶</a>1 a<b";

  it('cuts a token where a tag starts or ends', () => {
    const tokens = tokenSpans(cable).map(([start, end]) => cable.slice(start, end));
    expect(tokens).toEqual([
      'Ambassador',
      'DELL',
      '</pre>',
      '</code>',
      'x',
      '<a',
      "href='#p'>",
      '¶',
      '</a>',
      '1',
      'a<b',
    ]);
    expect(countTagCuts(cable)).toBe(tokens.length - cable.split(/\s+/).length);
  });

  it("knows the tag an offset falls inside: a tag's own tokens are not places for an entity's edge", () => {
    const href = cable.indexOf('href');
    const open = cable.indexOf('<a');
    expect(tagAround(cable, href)).toEqual([open, cable.indexOf('¶')]);
    expect(tagAround(cable, cable.indexOf('¶') - 1)).toEqual([open, cable.indexOf('¶')]);
    // At a tag's edges, in plain text and after a `<` that opens no tag: not inside.
    expect(tagAround(cable, open)).toBeNull();
    expect(tagAround(cable, cable.indexOf('¶'))).toBeNull();
    expect(tagAround(cable, cable.indexOf('DELL') + 2)).toBeNull();
    expect(tagAround(cable, cable.length - 1)).toBeNull();
  });

  it('snaps, steps and checks boundaries by the same tokens', () => {
    const dell = cable.indexOf('DELL');
    expect(snapToTokens(cable, dell + 1, dell + 1)).toEqual({ start: dell, end: dell + 4 });
    expect(snapToTokens(cable, dell, dell + 6)).toEqual({ start: dell, end: dell + 10 });
    expect(isTokenEnd(cable, dell + 4)).toBe(true);
    expect(nextTokenEnd(cable, dell + 4)).toBe(dell + 10);
    expect(nextTokenStart(cable, dell)).toBe(dell + 4);
    expect(previousTokenEnd(cable, dell + 10)).toBe(dell + 4);
    expect(previousTokenStart(cable, dell + 4)).toBe(0);
    for (const [start, end] of tokenSpans(cable)) {
      for (let at = start; at < end; at++)
        expect(snapToTokens(cable, at, at)).toEqual({ start, end });
    }
  });
});

describe('the tag rule as regular expressions', () => {
  it('finds a tag starting and ending exactly where tagStartsAt and tagEndsAt do', () => {
    const ahead = new RegExp(TAG_AHEAD, 'uy');
    const behind = new RegExp(`(?<=${TAG_BEHIND})`, 'uy');
    const pieces = fc.constantFrom(
      ...['a', 'x', ' ', '\n', '\t', '\u00a0', '<', '>', '/', '!', '?', '-', ':', '"'],
      ...['<a href=x>', '</B>', '<br/>', '<unk>', '<MASK>', '<my-card>', '<PER-1>', '<o:p>'],
      ...[
        '<st1:City>',
        '<a:b:c>',
        '<!-- c -->',
        '<?xml ?>',
        '<svg',
        '<path d=1',
        '<annotation-xml',
      ],
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        for (let offset = 0; offset <= text.length; offset++) {
          ahead.lastIndex = offset;
          behind.lastIndex = offset;
          expect(ahead.test(text), `${JSON.stringify(text)} at ${offset}`).toBe(
            tagStartsAt(text, offset),
          );
          expect(behind.test(text), `${JSON.stringify(text)} at ${offset}`).toBe(
            tagEndsAt(text, offset),
          );
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('countTokensInUtf8', () => {
  it('counts the tokens of the decoded text, wherever the bytes start and end', () => {
    const encoder = new TextEncoder();
    const pieces = fc.constantFrom(
      ' ',
      '  ',
      '\t',
      '\n',
      '\r\n',
      '\v',
      '\f',
      'a',
      'Zoë',
      '🙂',
      '\u00a0',
      '\u0085',
      '\u2028',
      '\x08',
      '\x0e',
      '\x1f',
      '!',
      '\uFEFF',
      '<a>',
      '</pre>',
      '<',
      '>',
    );
    const text = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.array(pieces, { maxLength: 60 }).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(text, fc.nat(7), (sample, offset) => {
        // The same bytes at every alignment: a view starting `offset` bytes into a larger buffer.
        const encoded = encoder.encode(sample);
        const buffer = new Uint8Array(encoded.length + offset);
        buffer.set(encoded, offset);
        expect(countTokensInUtf8(buffer.subarray(offset))).toBe(
          tokenSpans(sample).length - countTagCuts(sample),
        );
      }),
      { numRuns: 3000 },
    );
  });
});

describe('what is an HTML tag: a known element, a comment, a declaration or a processing instruction', () => {
  const line = 'John<unk> met <user> at<br>noon </pre> <!-- c --> <a href=x>Dell</a> <MASK> <BR/>';
  const pieces = (spans: Array<[number, number]>) =>
    spans.map(([start, end]) => line.slice(start, end));

  it('reads placeholder tokens (<unk>, <user>, <MASK>) as text and HTML elements in any case as tags', () => {
    expect(pieces(tagSpans(line))).toEqual([
      '<br>',
      '</pre>',
      '<!-- c -->',
      '<a href=x>',
      '</a>',
      '<BR/>',
    ]);
    expect(pieces(tokenSpans(line))).toEqual([
      'John<unk>',
      'met',
      '<user>',
      'at',
      '<br>',
      'noon',
      '</pre>',
      '<!--',
      'c',
      '-->',
      '<a',
      'href=x>',
      'Dell',
      '</a>',
      '<MASK>',
      '<BR/>',
    ]);
  });

  it('reads SVG and MathML elements, prefixed names and custom elements as tags', () => {
    const tags = (text: string) => tagSpans(text).map(([start, end]) => text.slice(start, end));
    expect(
      tags('<svg width=10><circle r="4"/><g><path d="M0 0"/></g><clipPath id=c></svg>'),
    ).toEqual([
      '<svg width=10>',
      '<circle r="4"/>',
      '<g>',
      '<path d="M0 0"/>',
      '</g>',
      '<clipPath id=c>',
      '</svg>',
    ]);
    expect(tags('<FEGAUSSIANBLUR stdDeviation=2/><textPath>x</textPath>')).toEqual([
      '<FEGAUSSIANBLUR stdDeviation=2/>',
      '<textPath>',
      '</textPath>',
    ]);
    expect(tags('<math><mrow><mi>x</mi><mo>=</mo><mfrac>1</mfrac></mrow></math>')).toHaveLength(10);
    expect(tags('Oslo<o:p></o:p> <w:sdt w:id=1> <st1:City>Bonn</st1:City> <V:SHAPE>')).toEqual([
      '<o:p>',
      '</o:p>',
      '<w:sdt w:id=1>',
      '<st1:City>',
      '</st1:City>',
      '<V:SHAPE>',
    ]);
    expect(tags('<my-card>text</my-card> <x-foo-bar/>')).toEqual([
      '<my-card>',
      '</my-card>',
      '<x-foo-bar/>',
    ]);
  });

  it('keeps placeholders text even where SVG, MathML or a name with a colon or hyphen would read a tag', () => {
    const line =
      '<mask> <MASK> <image> <none> <unk> <user> <url> <num> <pad> <eos> <e> <PER-1> <B-LOC> ' +
      '<http://x.org> <mailto:a@b.org> <urn:a:b>';
    expect(tagSpans(line)).toEqual([]);
    expect(tokenSpans('foo<mask>bar <unk>Acme').map(([start, end]) => end - start)).toEqual([
      12, 9,
    ]);
  });

  it('reports markup inside an entity for a tag only, not for a placeholder', () => {
    const markup = (source: string) =>
      diagnose(source).filter((d) => d.code === 'markup-in-entity').length;
    expect(markup('[PER John <unk>  ] and [PER <user>  ]\n')).toBe(0);
    expect(markup('[PER John<br>Lee  ] and [PER <!-- c --> Ann  ]\n')).toBe(2);
  });
});
