// A problem message split into prose and markers (quoted "…" or `…`), markers with their spaces made visible (or spoken).

export interface MessagePart {
  text: string;
  /** A marker from the file, to show as code. */
  code: boolean;
}

const MARKER = /"([^"]*)"|`([^`]*)`/g;

/** Text with each space shown as `␣` (a run of spaces in HTML shows as one). */
export function shownSpaces(text: string): string {
  return text.replaceAll(' ', '␣');
}

/** `close marker " ]" differs…` → prose, code `␣]`, prose…; each space of a marker becomes `␣`. */
export function messageParts(message: string): MessagePart[] {
  const parts: MessagePart[] = [];
  let done = 0;
  for (const match of message.matchAll(MARKER)) {
    if (match.index > done) parts.push({ text: message.slice(done, match.index), code: false });
    parts.push({ text: shownSpaces(match[1] ?? match[2]), code: true });
    done = match.index + match[0].length;
  }
  if (done < message.length) parts.push({ text: message.slice(done), code: false });
  return parts;
}

/**
 * The message as assistive technology should read it, which folds a run of spaces into one: each
 * run in a marker is counted out (`"  ]"` → `"2 spaces ]"`), so the styles fixed can be told apart.
 */
export function spokenMessage(message: string): string {
  return message.replace(MARKER, (marker: string) => {
    const quote = marker[0]!;
    const pieces = marker.slice(1, -1).split(/( +)/).filter(Boolean);
    const spoken = pieces.map((piece) =>
      piece.startsWith(' ') ? `${piece.length} space${piece.length === 1 ? '' : 's'}` : piece,
    );
    return quote + spoken.join(' ') + quote;
  });
}
