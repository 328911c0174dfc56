// What a bracket file cannot hold as text (a NUL character: it would read as binary; a lone surrogate: UTF-8 cannot store it), and how a text file keeps a leading U+FEFF.

/**
 * Text as a file must hold it to read back the same: text that starts with U+FEFF gets a byte order
 * mark before it, since a reader takes a file's leading U+FEFF for one and drops it.
 */
export function keepingLeadingFeff(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? `\uFEFF${text}` : text;
}

/**
 * Why text cannot be stored in a bracket file, naming the first offending character and its code
 * point index ("a NUL character (U+0000) at code point 3: …"), or null when it can.
 */
export function unstorableText(text: string): string | null {
  let codePoint = 0;
  for (let i = 0; i < text.length; i++, codePoint++) {
    const code = text.charCodeAt(i);
    if (code === 0) {
      return `a NUL character (U+0000) at code point ${codePoint}: a text file cannot hold it`;
    }
    if (code < 0xd800 || code > 0xdfff) continue;
    const low = text.charCodeAt(i + 1);
    if (code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
      i++;
      continue;
    }
    const hex = code.toString(16).toUpperCase();
    return `a lone surrogate U+${hex} at code point ${codePoint}: UTF-8 cannot store it`;
  }
  return null;
}
