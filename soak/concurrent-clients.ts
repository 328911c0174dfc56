// Many clients editing and saving at once through one `emend serve`; every acknowledged edit survives a SIGKILL.
import type { DocumentSource, EditResult } from '../shared/api/contract';
import { check, documentText, LABELS, makePlace, pick } from './harness';

const DOCUMENTS = ['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt'];
const ENTITIES = 80;

export interface ConcurrencyFigures {
  clients: number;
  seconds: number;
  acknowledgedEdits: number;
  staleRefusals: number;
  saves: number;
}

export async function concurrentClients(
  clients: number,
  seconds: number,
): Promise<ConcurrencyFigures> {
  const place = await makePlace(
    Object.fromEntries(DOCUMENTS.map((id) => [id, documentText(ENTITIES / 4)])),
  );
  const figures: ConcurrencyFigures = {
    clients,
    seconds,
    acknowledgedEdits: 0,
    staleRefusals: 0,
    saves: 0,
  };
  /** The last acknowledged label of each entity, by revision. */
  const last = new Map<string, { revision: number; label: string }>();
  try {
    let server = await place.serve();
    const end = Date.now() + seconds * 1000;
    const client = async () => {
      const id = pick(DOCUMENTS);
      let revision = ((await server.call('openSource', { id })).body as unknown as DocumentSource)
        .revision;
      while (Date.now() < end) {
        if (Math.random() < 0.05) {
          const saved = await server.call('save', { id, revision });
          if (saved.status === 200) figures.saves++;
          else check(saved.body.code === 'stale-revision', `a save answered ${saved.body.code}`);
          continue;
        }
        const entity = 1 + Math.floor(Math.random() * ENTITIES);
        const label = pick(LABELS);
        const answer = await server.call('applyEdit', {
          id,
          revision,
          tx: { ops: [{ op: 'relabel', id: entity, label }] },
        });
        if (answer.status === 200) {
          revision = (answer.body as unknown as EditResult).revision;
          const key = `${id}#${entity}`;
          if ((last.get(key)?.revision ?? -1) < revision) last.set(key, { revision, label });
          figures.acknowledgedEdits++;
        } else {
          check(
            answer.body.code === 'stale-revision',
            `an edit answered ${answer.body.code}: ${answer.body.message}`,
          );
          figures.staleRefusals++;
          revision = ((await server.call('openSource', { id })).body as unknown as DocumentSource)
            .revision;
        }
      }
    };
    await Promise.all(Array.from({ length: clients }, client));
    await server.stop('SIGKILL');
    server = await place.serve();
    for (const id of DOCUMENTS) {
      const lines = (
        (await server.call('openSource', { id })).body as unknown as DocumentSource
      ).source.split('\n');
      for (let entity = 1; entity <= ENTITIES; entity++) {
        const expected = last.get(`${id}#${entity}`);
        if (!expected) continue;
        const kind = ['Kosovo', 'Serbs', 'EULEX', 'Javier Solana'][(entity - 1) % 4];
        check(
          lines[Math.floor((entity - 1) / 4)].includes(`[${expected.label} ${kind}  ]`),
          `${id}: the acknowledged label of entity ${entity} was lost`,
        );
      }
    }
    await server.stop();
    await place.checkOutside();
    return figures;
  } finally {
    await place.remove();
  }
}
