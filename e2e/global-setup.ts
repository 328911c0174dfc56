// Before the end-to-end run: make sure the built `emend` and the renderer bundle it serves are up to date.
import { ensureCliBuilt } from '../scripts/cli-build';
import { ensureRendererBuilt } from './support/build';

export default function globalSetup(): void {
  ensureRendererBuilt();
  ensureCliBuilt();
}
