// The recent git commits that touched a document (across renames), to pick a revision to compare with (`git log`, through the neutral git helper).
import path from 'node:path';
import { ApiError, type GitCommit } from '../../shared/api/contract';
import { gitComplaint, GitError, runGit } from './git-process';

/** How many commits the list offers. */
export const GIT_LOG_LIMIT = 20;

/** Newest first; an empty list when the file is not in a git repository or has no commits. */
export async function readGitLog(filePath: string, limit = GIT_LOG_LIMIT): Promise<GitCommit[]> {
  let run;
  try {
    run = await runGit(
      [
        'log',
        `--max-count=${limit}`,
        '--format=%H%x00%h%x00%ct%x00%s',
        // Across a rename too, as a git baseline reads the file under its name then.
        '--follow',
        '--',
        `./${path.basename(filePath)}`,
      ],
      path.dirname(filePath),
    );
  } catch (error) {
    if (error instanceof GitError) throw new ApiError('not-found', error.message);
    throw error;
  }
  if (run.code !== 0) {
    if (/not a git repository|does not have any commits/.test(run.stderr)) return [];
    throw new ApiError('internal', `git log failed: ${gitComplaint(run)}`);
  }
  return run.stdout
    .toString('utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [revision, short, seconds, ...subject] = line.split('\0');
      return { revision, short, time: Number(seconds) * 1000, subject: subject.join('\0') };
    });
}
