// Counts in words: "1 hit", "3 hits", "1 entity", "2 entities".

/** The count and the word, in its plural (by default with an "s") unless the count is one. */
export const plural = (count: number, word: string, words = `${word}s`): string =>
  `${count} ${count === 1 ? word : words}`;
