// Kills `emend serve` with SIGKILL at random moments of an edit/undo/save loop, then checks what survived.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { DocumentSource, EditResult } from '../shared/api/contract';
import { serialize } from '../shared/format/serialize';
import { recordEdit, undo } from '../shared/model/history';
import { applyTransaction, type Transaction } from '../shared/model/operations';
import {
  check,
  documentText,
  LABELS,
  makePlace,
  modelOf,
  pick,
  sleep,
  type Model,
} from './harness';

const ID = 'doc.txt';

export interface CrashFigures {
  kills: number;
  acknowledgedEdits: number;
  acknowledgedSaves: number;
  /** Restarts where the edit in flight at the kill had been journaled (it is kept, never half). */
  inFlightKept: number;
}

export async function crashLoop(kills: number): Promise<CrashFigures> {
  const place = await makePlace({ [ID]: documentText(150) });
  const file = path.join(place.corpus, ID);
  const figures: CrashFigures = {
    kills: 0,
    acknowledgedEdits: 0,
    acknowledgedSaves: 0,
    inFlightKept: 0,
  };
  /** The text every acknowledged edit adds up to, and the one the edit in flight would make. */
  let expected = await fs.readFile(file, 'utf8');
  let inFlight: string | null = null;
  /** Every text the file may hold: the first one and every text a save was asked to write. */
  const fileTexts = new Set([expected]);
  try {
    for (let round = 0; round < kills; round++) {
      const server = await place.serve();
      const opened = await server.call('openSource', { id: ID });
      check(
        opened.status === 200,
        `round ${round}: the document did not open (${opened.body.message})`,
      );
      const source = opened.body as unknown as DocumentSource;
      if (source.source !== expected) {
        check(
          source.source === inFlight,
          `round ${round}: an acknowledged edit was lost (the recovered document is neither the acknowledged state nor the one in flight)`,
        );
        figures.inFlightKept++;
      }
      const onDisk = await fs.readFile(file, 'utf8');
      check(fileTexts.has(onDisk), `round ${round}: the file is not a complete version`);
      fileTexts.clear();
      fileTexts.add(onDisk);
      expected = source.source;
      inFlight = null;
      let model: Model = modelOf(source);
      let alive = true;
      server.child.once('exit', () => (alive = false));
      const killer = sleep(Math.random() * 400).then(() => server.stop('SIGKILL'));
      while (alive) {
        const roll = Math.random();
        if (roll < 0.15) {
          const text = serialize(model.doc);
          fileTexts.add(text);
          const saved = await server.tryCall('save', { id: ID, revision: model.revision });
          if (saved.status === 200) figures.acknowledgedSaves++;
          continue;
        }
        let tx: Transaction;
        let method: 'applyEdit' | 'undo';
        let next: Model;
        const stepped = roll < 0.3 ? undo(model.history, model.doc) : null;
        if (stepped) {
          method = 'undo';
          tx = { ops: [] };
          next = { ...stepped, revision: model.revision + 1 };
        } else {
          const entity = pick(model.doc.entities);
          method = 'applyEdit';
          tx = { ops: [{ op: 'relabel', id: entity.id, label: pick(LABELS) }] };
          const applied = applyTransaction(model.doc, tx);
          next = {
            doc: applied.doc,
            history: recordEdit(model.history, { forward: tx, inverse: applied.inverse, time: 0 }),
            revision: model.revision + 1,
          };
        }
        inFlight = serialize(next.doc);
        const answer = await server.tryCall(method, {
          id: ID,
          revision: model.revision,
          ...(method === 'applyEdit' ? { tx } : {}),
        });
        if (answer.status === 0) break;
        check(
          answer.status === 200,
          `round ${round}: ${method} was refused: ${answer.body.message}`,
        );
        const result = answer.body as unknown as EditResult;
        check(result.revision === next.revision, `round ${round}: unexpected revision`);
        model = next;
        expected = inFlight;
        inFlight = null;
        figures.acknowledgedEdits++;
      }
      await killer;
      figures.kills++;
      await place.checkOutside();
    }
    const server = await place.serve();
    const last = (await server.call('openSource', { id: ID })).body as unknown as DocumentSource;
    check(last.source === expected || last.source === inFlight, 'the last round lost an edit');
    await server.stop();
    const leftovers = (await fs.readdir(place.corpus)).filter((name) =>
      name.endsWith('.emend-tmp'),
    );
    check(leftovers.length === 0, `temp files were left in the corpus: ${leftovers.join(', ')}`);
    return figures;
  } finally {
    await place.remove();
  }
}
