import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchPath } from './launch-path';

const cwd = '/home/ann/work';

describe('the path a start opens', () => {
  it('is the argument after the app folder in development (`npm start -- PATH`)', () => {
    const argv = ['/x/electron', '.', 'corpus'];
    expect(launchPath(argv, { packaged: false, cwd })).toBe(path.resolve(cwd, 'corpus'));
  });

  it('is the first argument of a packaged app', () => {
    const argv = ['/opt/Emend/emend', '/data/news.txt'];
    expect(launchPath(argv, { packaged: true, cwd })).toBe('/data/news.txt');
  });

  it('ignores Chromium and Electron switches', () => {
    const argv = ['/opt/Emend/emend', '--no-sandbox', 'notes.txt', '--inspect=0'];
    expect(launchPath(argv, { packaged: true, cwd })).toBe(path.join(cwd, 'notes.txt'));
  });

  it('skips switches placed before the app folder (as test drivers do)', () => {
    const argv = ['/x/electron', '--inspect=0', '--remote-debugging-port=0', '/repo'];
    expect(launchPath(argv, { packaged: false, cwd })).toBeNull();
    expect(launchPath([...argv, 'corpus'], { packaged: false, cwd })).toBe(
      path.join(cwd, 'corpus'),
    );
  });

  it('is null when no path was given (the sample corpus opens)', () => {
    expect(launchPath(['/x/electron', '.'], { packaged: false, cwd })).toBeNull();
    expect(
      launchPath(['/opt/Emend/emend', '--enable-logging'], { packaged: true, cwd }),
    ).toBeNull();
  });
});
