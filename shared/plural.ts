// Counts in words: "1 hit", "3 hits".

/** The count and the word, with an "s" unless the count is one. */
export const plural = (count: number, word: string): string =>
  `${count} ${word}${count === 1 ? '' : 's'}`;
