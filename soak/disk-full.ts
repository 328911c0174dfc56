// A real small tmpfs filled up under `emend serve`: edits are refused or kept, saves say save-failed, nothing is lost.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { mountSmallDisk } from '../electron/host/fixtures/small-disk';
import type { DocumentSource } from '../shared/api/contract';
import { check, documentText, LABELS, makePlace, pick } from './harness';

const ID = 'doc.txt';

export interface DiskFullFigures {
  cycles: number;
  acknowledgedEdits: number;
  refusedEdits: number;
  refusedSaves: number;
}

export async function diskFull(cycles: number): Promise<DiskFullFigures> {
  const place = await makePlace({});
  const disk = await mountSmallDisk(place.base, '1m');
  const figures: DiskFullFigures = {
    cycles: 0,
    acknowledgedEdits: 0,
    refusedEdits: 0,
    refusedSaves: 0,
  };
  try {
    const corpus = path.join(disk.folder, 'corpus');
    await fs.mkdir(corpus);
    await fs.writeFile(path.join(corpus, ID), documentText(40));
    for (let cycle = 0; cycle < cycles; cycle++) {
      const server = await place.serve(corpus);
      const opened = (await server.call('openSource', { id: ID }))
        .body as unknown as DocumentSource;
      let revision = opened.revision;
      let labels = new Map<number, string>();
      const edit = async () => {
        const entity = 1 + Math.floor(Math.random() * 160);
        const label = pick(LABELS);
        const answer = await server.call('applyEdit', {
          id: ID,
          revision,
          tx: { ops: [{ op: 'relabel', id: entity, label }] },
        });
        if (answer.status === 200) {
          revision = answer.body.revision as number;
          labels = new Map(labels).set(entity, label);
          figures.acknowledgedEdits++;
        } else {
          check(answer.body.code === 'save-failed', `a refused edit said ${answer.body.code}`);
          figures.refusedEdits++;
        }
        return answer.status === 200;
      };
      for (let i = 0; i < 5; i++) await edit();
      const free = await disk.fill();
      let refused = 0;
      for (let i = 0; i < 200 && refused < 3; i++) if (!(await edit())) refused++;
      check(refused === 3, 'edits kept being acknowledged on a full disk');
      const saved = await server.call('save', { id: ID, revision });
      check(
        saved.status === 500 && saved.body.code === 'save-failed',
        `a save on a full disk answered ${saved.status} ${saved.body.code}`,
      );
      figures.refusedSaves++;
      await free();
      for (let i = 0; i < 5; i++) check(await edit(), 'an edit was refused after space came back');
      await server.stop('SIGKILL');
      const again = await place.serve(corpus);
      const reopened = (await again.call('openSource', { id: ID }))
        .body as unknown as DocumentSource;
      check(
        reopened.revision === revision,
        `cycle ${cycle}: the revision went back from ${revision} to ${reopened.revision}`,
      );
      const model = reopened.source;
      for (const [entity, label] of labels) {
        const line = Math.floor((entity - 1) / 4);
        const kind = ['Kosovo', 'Serbs', 'EULEX', 'Javier Solana'][(entity - 1) % 4];
        check(
          model.split('\n')[line].includes(`[${label} ${kind}  ]`),
          `cycle ${cycle}: the acknowledged label ${label} of entity ${entity} was lost`,
        );
      }
      const saveAgain = await again.call('save', { id: ID, revision });
      check(saveAgain.status === 200, 'the save failed once there was room');
      await again.stop();
      figures.cycles++;
    }
    await place.checkOutside();
    return figures;
  } finally {
    await disk.unmount();
    await place.remove();
  }
}
