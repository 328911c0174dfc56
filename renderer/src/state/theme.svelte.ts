// Light and dark themes: follows the system unless the user picks one, remembered in localStorage (and a cookie, for the host's page).
import { themeCookie } from '../../../shared/api/theme-cookie';

export type ThemeChoice = 'system' | 'light' | 'dark';

const STORAGE_KEY = 'emend.theme';
const CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

export class Theme {
  choice = $state<ThemeChoice>('system');
  private systemDark = $state(false);

  readonly effective = $derived<'light' | 'dark'>(
    this.choice === 'system' ? (this.systemDark ? 'dark' : 'light') : this.choice,
  );

  constructor(private readonly scope: Window = window) {
    const stored = this.readStored();
    if (stored) {
      this.choice = stored;
      this.keepInCookie(stored);
    }
    const query = scope.matchMedia?.('(prefers-color-scheme: dark)');
    if (query) {
      this.systemDark = query.matches;
      query.addEventListener('change', (event) => (this.systemDark = event.matches));
    }
  }

  private readStored(): ThemeChoice | null {
    try {
      const value = this.scope.localStorage.getItem(STORAGE_KEY);
      return CHOICES.includes(value as ThemeChoice) ? (value as ThemeChoice) : null;
    } catch {
      return null;
    }
  }

  /** The choice in words, as the theme key says it. */
  get description(): string {
    return this.choice === 'system'
      ? `Theme: as the system (${this.effective})`
      : `Theme: ${this.choice}`;
  }

  /** The next choice in order (system, light, dark), as the theme key cycles them. */
  next(): void {
    this.choose(CHOICES[(CHOICES.indexOf(this.choice) + 1) % CHOICES.length]);
  }

  choose(choice: ThemeChoice): void {
    this.choice = choice;
    this.keepInCookie(choice);
    try {
      this.scope.localStorage.setItem(STORAGE_KEY, choice);
    } catch {
      // Storage can be unavailable (private mode); the choice still holds for this session.
    }
  }

  /** The host reads the choice from a cookie to send its page in that theme. */
  private keepInCookie(choice: ThemeChoice): void {
    try {
      this.scope.document.cookie = themeCookie(choice);
    } catch {
      // A page without cookies (an opaque origin) is drawn in the system's theme until it runs.
    }
  }
}
