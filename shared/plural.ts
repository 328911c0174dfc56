// Counts in words: "1 hit", "3 hits", "1 entity", "2 entities"; a long list named in part, "a, b, c, and 2 more".

/** The count and the word, in its plural (by default with an "s") unless the count is one. */
export const plural = (count: number, word: string, words = `${word}s`): string =>
  `${count} ${count === 1 ? word : words}`;

/** How many of all a list shows: "3 findings", or "500 of 1869 findings" when it shows fewer. */
export const shownOf = (shown: number, all: number, word: string): string =>
  `${shown < all ? `${shown} of ` : ''}${plural(all, word)}`;

/** The first `named` of a list, joined by commas, and how many more: "a, b, c, and 2 more". */
export const someOf = (items: readonly string[], named = 3): string =>
  items.slice(0, named).join(', ') +
  (items.length > named ? `, and ${items.length - named} more` : '');
