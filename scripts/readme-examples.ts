// Reads the `emend` examples out of the README's code blocks: each command, its arguments and the output shown under it.

/** One `$ npm run emend -- ARGS` line of a code block and the lines printed under it. */
export interface ReadmeExample {
  command: string;
  args: string[];
  expected: string[];
  /** The output ends in a line `...`: only its lines before it are shown. */
  elided: boolean;
}

const PROMPT = '$ npm run emend -- ';

/** A command line's arguments: words, or double-quoted strings; a `#` comment after two spaces is dropped. */
function shellWords(line: string): string[] {
  const words = line.replace(/\s{2,}#.*$/, '').match(/"[^"]*"|\S+/g) ?? [];
  return words.map((word) => (word.startsWith('"') ? word.slice(1, -1) : word));
}

/** The examples of each code block of markdown that holds any, in order. */
export function readmeExamples(markdown: string): ReadmeExample[][] {
  const blocks = [...markdown.matchAll(/^```[a-z]*\n([\s\S]*?)^```$/gm)].map(([, body]) =>
    body.replace(/\n$/, '').split('\n'),
  );
  return blocks
    .map((lines) => {
      const examples: ReadmeExample[] = [];
      for (const line of lines) {
        if (line.startsWith(PROMPT)) {
          const command = line.slice(PROMPT.length);
          examples.push({ command, args: shellWords(command), expected: [], elided: false });
        } else if (line.startsWith('$ ')) {
          break;
        } else if (examples.length > 0 && !examples[examples.length - 1].elided) {
          const example = examples[examples.length - 1];
          if (line === '...') example.elided = true;
          else example.expected.push(line);
        }
      }
      return examples;
    })
    .filter((examples) => examples.length > 0);
}
