import { afterEach, describe, expect, it } from 'vitest';
import { Theme } from './theme.svelte';

const themeCookie = () =>
  document.cookie
    .split('; ')
    .find((pair) => pair.startsWith('emend-theme='))
    ?.slice('emend-theme='.length);

afterEach(() => {
  localStorage.clear();
  document.cookie = 'emend-theme=; Path=/; Max-Age=0';
});

describe('the theme', () => {
  it('keeps a choice in local storage and in the cookie the host reads; System forgets it', () => {
    const theme = new Theme(window);
    theme.choose('dark');
    expect(localStorage.getItem('emend.theme')).toBe('dark');
    expect(themeCookie()).toBe('dark');
    theme.choose('system');
    expect(themeCookie()).toBeUndefined();
    expect(theme.choice).toBe('system');
  });

  it('writes the cookie for a choice made before there was one', () => {
    localStorage.setItem('emend.theme', 'light');
    const theme = new Theme(window);
    expect(theme.effective).toBe('light');
    expect(themeCookie()).toBe('light');
  });
});
