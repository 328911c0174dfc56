// Before the end-to-end run: make sure the renderer bundle `emend serve` serves is up to date.
import { ensureRendererBuilt } from './support/build';

export default function globalSetup(): void {
  ensureRendererBuilt();
}
