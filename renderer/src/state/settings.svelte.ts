// The corpus's label settings (names, colours, hotkeys): shown at once when changed, saved in order.
import type { CorpusSettings, LabelSetting } from '../../../shared/api/contract';
import { freeColor } from '../../../shared/api/label-colors';
import type { EmendClient } from '../api/client';
import { messageOf, type Notices } from './notices.svelte';

export class LabelSettings {
  labels = $state.raw<LabelSetting[]>([]);
  /** Whether the workspace's labels have come (before, the first screen's colors stand). */
  loaded = $state(false);
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: EmendClient,
    private readonly notices: Notices,
    /** Called when the labels shown change (diagnostics depend on them). */
    private readonly changed: () => void = () => {},
  ) {}

  /** Shows the labels as the workspace has them (nothing is saved); the problems follow. */
  load(labels: LabelSetting[]): void {
    this.labels = labels;
    this.loaded = true;
    this.changed();
  }

  /** The label whose hotkey is key, if any. */
  forKey(key: string): LabelSetting | undefined {
    return this.labels.find((label) => label.key !== '' && label.key === key);
  }

  /** Adds labels, in order, each with a palette color no label has and the first free digit as its key. */
  add(...names: string[]): Promise<void> {
    const labels = [...this.labels];
    for (const name of names) {
      const used = labels.map((label) => label.key);
      const key = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].find(
        (digit) => !used.includes(digit),
      );
      labels.push({ name, color: freeColor(labels), key: key ?? '' });
    }
    return this.update(labels);
  }

  /** Shows the new labels at once and saves them in order, so quick changes never undo each other. */
  update(labels: LabelSetting[]): Promise<void> {
    const before = this.labels;
    this.load(labels);
    const settings: CorpusSettings = { labels };
    this.queue = this.queue.then(async () => {
      try {
        await this.client.call('updateSettings', { settings });
      } catch (error) {
        this.load(before);
        this.notices.show(`The label settings were not saved: ${messageOf(error)}`);
      }
    });
    return this.queue;
  }
}
