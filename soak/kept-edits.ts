// Edits that must outlive a change around them: a read-only corpus made writable, set-aside edits with quick fixes, apply-to-all under a racing client.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ApplyToAllResult, DocumentSource } from '../shared/api/contract';
import {
  check,
  documentLine,
  documentText,
  makePlace,
  pick,
  waitUntil,
  type Served,
} from './harness';

const ID = 'doc.txt';

async function source(server: Served, id = ID): Promise<DocumentSource> {
  const opened = await server.call('openSource', { id });
  check(opened.status === 200, `${id} did not open: ${opened.body.message}`);
  return opened.body as unknown as DocumentSource;
}

async function relabel(server: Served, id: string, entity: number, label: string): Promise<void> {
  const { revision } = await source(server, id);
  const answer = await server.call('applyEdit', {
    id,
    revision,
    tx: { ops: [{ op: 'relabel', id: entity, label }] },
  });
  check(answer.status === 200, `relabeling in ${id} was refused: ${answer.body.message}`);
}

/**
 * Edits a read-only corpus, stops the server (SIGTERM or kill -9), makes the folder writable and
 * opens it again: the edits must be there and save into the corpus. Every other round goes the
 * other way (journaled in the corpus, then read-only).
 */
export async function readOnlyMadeWritable(rounds: number): Promise<{ rounds: number }> {
  const place = await makePlace({ [ID]: documentText(40) });
  const file = path.join(place.corpus, ID);
  try {
    for (let round = 0; round < rounds; round++) {
      const fromReadOnly = round % 2 === 0;
      await fs.chmod(place.corpus, fromReadOnly ? 0o555 : 0o755);
      let server = await place.serve();
      for (let edit = 0; edit < 5; edit++) {
        await relabel(server, ID, 1 + Math.floor(Math.random() * 160), pick(['PER', 'ORG']));
      }
      const expected = (await source(server)).source;
      await server.stop(round % 4 < 2 ? 'SIGKILL' : 'SIGTERM');
      await fs.chmod(place.corpus, fromReadOnly ? 0o755 : 0o555);
      server = await place.serve();
      const reopened = await source(server);
      check(
        reopened.source === expected,
        `round ${round}: the edits made while the corpus was ${fromReadOnly ? 'read-only' : 'writable'} were not found once it was ${fromReadOnly ? 'writable' : 'read-only'}`,
      );
      if (fromReadOnly) {
        const saved = await server.call('save', { id: ID, revision: reopened.revision });
        check(saved.status === 200, `round ${round}: the recovered edits did not save`);
        check((await fs.readFile(file, 'utf8')) === expected, `round ${round}: the save differs`);
      }
      await server.stop();
    }
    await place.checkOutside();
    return { rounds };
  } finally {
    await place.remove();
  }
}

/** A line whose first close is glued to a full stop (a quick fix inserts the space). */
const gluedLine = (n: number) => documentLine(n).replace('[LOC Kosovo  ]', '[LOC Kosovo  ].');

/**
 * Relabels and quick-fixes a few lines, lets another program change other lines, takes theirs
 * and restores: the restored file holds both sides. A round where the other program changed one
 * of the same lines must be refused naming that line.
 */
export async function setAsideWithRewrites(
  rounds: number,
): Promise<{ restored: number; refused: number }> {
  const lines = 30;
  const original = Array.from({ length: lines }, (_, n) => gluedLine(n)).join('');
  const place = await makePlace({ [ID]: original });
  const file = path.join(place.corpus, ID);
  const figures = { restored: 0, refused: 0 };
  try {
    const server = await place.serve();
    for (let round = 0; round < rounds; round++) {
      await fs.writeFile(file, original);
      await waitUntil(
        async () => (await source(server)).source === original,
        `round ${round}: the document did not reload`,
      );
      const mine = new Set<number>();
      while (mine.size < 3) mine.add(Math.floor(Math.random() * lines));
      const expected = original.split(/(?<=\n)/);
      for (const line of mine) {
        await relabel(server, ID, 4 * line + 1, 'ORG');
        const { revision, source: text } = await source(server);
        const start = text
          .split(/(?<=\n)/)
          .slice(0, line)
          .join('').length;
        const glued = text.indexOf('].', start) + 1;
        const fixed = await server.call('applyEdit', {
          id: ID,
          revision,
          tx: { ops: [{ op: 'rewrite', offset: glued, remove: '', insert: ' ' }] },
        });
        check(fixed.status === 200, `round ${round}: the quick fix was refused`);
        expected[line] = expected[line].replace('[LOC Kosovo  ].', '[ORG Kosovo  ] .');
      }
      const clash = round % 3 === 2 ? [...mine][0] : null;
      const changedByThem = (line: number) =>
        line === clash ||
        (!mine.has(line) &&
          line % 4 === round % 4 &&
          (clash === null || Math.abs(line - clash) > 1));
      const theirs = original
        .split(/(?<=\n)/)
        .map((text, line) => (changedByThem(line) ? text.replace('met', 'saw') : text));
      await fs.writeFile(file, theirs.join(''));
      await waitUntil(
        async () => (await source(server)).conflict === true,
        `round ${round}: the change on disk raised no conflict`,
      );
      const taken = await server.call('resolveConflict', { id: ID, choice: 'take-theirs' });
      check(taken.body.setAside === true, `round ${round}: the edits were not set aside`);
      const restored = await server.call('resolveConflict', {
        id: ID,
        choice: 'restore-set-aside',
      });
      if (clash !== null) {
        check(
          restored.body.code === 'edit-refused' &&
            String(restored.body.message).includes(`line ${clash + 1}`),
          `round ${round}: edits of a line both sides changed were not refused naming it: ${restored.body.message}`,
        );
        figures.refused++;
        continue;
      }
      check(restored.status === 200, `round ${round}: restore failed: ${restored.body.message}`);
      const saved = await server.call('save', { id: ID, revision: restored.body.revision });
      check(saved.status === 200, `round ${round}: the restored document did not save`);
      const both = theirs.map((line, n) => (mine.has(n) ? expected[n] : line)).join('');
      check((await fs.readFile(file, 'utf8')) === both, `round ${round}: a side was lost`);
      figures.restored++;
    }
    await server.stop();
    await place.checkOutside();
    return figures;
  } finally {
    await place.remove();
  }
}

const query = (label: string | null) => ({
  pattern: 'Kosovo',
  regex: false,
  caseSensitive: true,
  label,
  tagged: 'any',
});

/** The documents of the hits for Kosovo with this label. */
async function hitPaths(server: Served, label: string): Promise<string[]> {
  const found = await server.call('searchCorpus', { query: query(label) });
  return (found.body.hits as Array<{ path: string }>).map((hit) => hit.path);
}

/**
 * Apply-to-all over many documents while another client edits them: every document is either
 * changed and listed, or skipped with a reason, and undoing leaves none changed by the run. Then
 * the same killed part way: undoing the recorded run after a restart leaves none changed either.
 */
export async function applyToAllRacing(
  documents: number,
): Promise<{ changed: number; raced: number; editedSince: number; undoneAfterKill: number }> {
  const names = Array.from({ length: documents }, (_, n) => `d${String(n).padStart(4, '0')}.txt`);
  const place = await makePlace(Object.fromEntries(names.map((name) => [name, documentText(2)])));
  try {
    let server = await place.serve();
    const hits = (await server.call('searchCorpus', { query: query('LOC') })).body.hits;
    let racing = true;
    // Another client relabels EULEX in random documents while the run goes (a 409 is its own business).
    const racer = (async () => {
      while (racing) {
        const id = pick(names);
        const { revision } = await source(server, id);
        await server.tryCall('applyEdit', {
          id,
          revision,
          tx: { ops: [{ op: 'relabel', id: 3, label: pick(['PER', 'ORG']) }] },
        });
      }
    })();
    const run = await server.call('applyToAll', {
      action: { kind: 'relabel', label: 'GPE' },
      hits,
    });
    racing = false;
    await racer;
    check(run.status === 200, `apply-to-all under a racing client answered ${run.status}`);
    const result = run.body as unknown as ApplyToAllResult;
    const raced = new Set(result.skipped.map(({ hit }) => hit.path)).size;
    check(
      result.documents.length + raced === documents,
      'a document was neither changed nor skipped with a reason',
    );
    const undone = await server.call('undoApplyToAll', { documents: result.documents });
    check(undone.status === 200, 'undo apply-to-all failed');
    // Documents the racer edited after the run are left for the user to undo there, and say so.
    const editedSince = new Set(
      (undone.body.skipped as Array<{ id: string }>).map((skipped) => skipped.id),
    );
    check(
      (await hitPaths(server, 'GPE')).every((id) => editedSince.has(id)),
      'an entity the run changed was not undone, and its document was not named',
    );

    const record = path.join(place.corpus, '.emend', 'apply-to-all.jsonl');
    await fs.rm(record); // so the wait below sees the next run's record, not this one's
    const killed = server
      .call('applyToAll', { action: { kind: 'relabel', label: 'GPE' }, hits })
      .catch(() => null);
    await waitUntil(
      async () =>
        (await fs.readFile(record, 'utf8').catch(() => '')).split('"document"').length >
        documents / 4,
      'the apply-to-all recorded no documents',
    );
    await server.stop('SIGKILL');
    await killed;
    server = await place.serve();
    const changed = new Set((await hitPaths(server, 'GPE')).filter((id) => !editedSince.has(id)))
      .size;
    const afterKill = await server.call('undoApplyToAll', {});
    check(afterKill.status === 200, `undoing the recorded run failed: ${afterKill.body.message}`);
    check(
      (await hitPaths(server, 'GPE')).every((id) => editedSince.has(id)),
      'the killed run was not undone in every document it changed',
    );
    await server.stop();
    await place.checkOutside();
    return {
      changed: result.documents.length,
      raced,
      editedSince: editedSince.size,
      undoneAfterKill: changed,
    };
  } finally {
    await place.remove();
  }
}
