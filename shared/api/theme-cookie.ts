// The theme the user chose, kept in a cookie as well so that `emend serve` sends the page in it (no flash of the other theme).

export const THEME_COOKIE = 'emend-theme';

/** A year: the choice is remembered as long as local storage keeps it. */
const MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/** The cookie that remembers a choice ('system' forgets it: the page then follows the system). */
export function themeCookie(choice: 'system' | 'light' | 'dark'): string {
  const value = choice === 'system' ? '' : choice;
  const age = choice === 'system' ? 0 : MAX_AGE_SECONDS;
  return `${THEME_COOKIE}=${value}; Path=/; SameSite=Strict; Max-Age=${age}`;
}

/** The theme a Cookie header asks for, if it holds a valid one. */
export function themeFromCookies(header: string | undefined): 'light' | 'dark' | null {
  for (const pair of header?.split(';') ?? []) {
    const [name, value] = pair.trim().split('=');
    if (name === THEME_COOKIE && (value === 'light' || value === 'dark')) return value;
  }
  return null;
}
