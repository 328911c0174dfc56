// The recent git commits that touched a document, to pick a revision to compare with (`git log`, no shell).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { ApiError, type GitCommit } from '../../shared/api/contract';

/** How many commits the list offers. */
export const GIT_LOG_LIMIT = 20;

/** Newest first; an empty list when the file is not in a git repository or has no commits. */
export function readGitLog(filePath: string, limit = GIT_LOG_LIMIT): Promise<GitCommit[]> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [
        'log',
        `--max-count=${limit}`,
        '--format=%H%x00%h%x00%ct%x00%s',
        '--',
        `./${path.basename(filePath)}`,
      ],
      { cwd: path.dirname(filePath), encoding: 'utf8', windowsHide: true },
      (error, stdout, stderr) => {
        if (error) {
          if (/not a git repository|does not have any commits/.test(stderr)) return resolve([]);
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
            return reject(new ApiError('not-found', 'git is not installed on this computer'));
          }
          return reject(
            new ApiError(
              'internal',
              `git log failed: ${stderr.trim().split('\n')[0] || error.message}`,
            ),
          );
        }
        resolve(
          stdout
            .split('\n')
            .filter((line) => line !== '')
            .map((line) => {
              const [revision, short, seconds, ...subject] = line.split('\0');
              return { revision, short, time: Number(seconds) * 1000, subject: subject.join('\0') };
            }),
        );
      },
    );
  });
}
