// A problem message split into prose and markers (quoted "…" or `…`), markers with their spaces made visible.

export interface MessagePart {
  text: string;
  /** A marker from the file, to show as code. */
  code: boolean;
}

const MARKER = /"([^"]*)"|`([^`]*)`/g;

/** `close marker " ]" differs…` → prose, code `␣]`, prose…; each space of a marker becomes `␣`. */
export function messageParts(message: string): MessagePart[] {
  const parts: MessagePart[] = [];
  let done = 0;
  for (const match of message.matchAll(MARKER)) {
    if (match.index > done) parts.push({ text: message.slice(done, match.index), code: false });
    parts.push({ text: (match[1] ?? match[2]).replaceAll(' ', '␣'), code: true });
    done = match.index + match[0].length;
  }
  if (done < message.length) parts.push({ text: message.slice(done), code: false });
  return parts;
}
