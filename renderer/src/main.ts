// Starts the editor: sends its first requests, then loads and mounts the screen while they are answered.
//
// The client (Electron preload bridge or `emend serve`) and these requests are all this entry holds:
// the screen is a chunk of its own, so the workspace is already reading while it loads and mounts.
import type { EmendBridge } from '../../shared/api/bridge';
import { documentOfQuery } from '../../shared/api/page-address';
import { connectClient, requestFirst } from './api/client';
import './app.css';
import { dropFirstScreen } from './document/first-screen';
import './document-text.css';

const scope = window as Window & { emend?: EmendBridge };
const client = connectClient(scope);
const first = requestFirst(client, documentOfQuery(location.search));
const target = document.getElementById('app')!;
import('./screen').then(
  ({ mountScreen }) => {
    mountScreen(target, client, first);
    performance.mark('emend:screen-mounted');
  },
  (error: unknown) => {
    dropFirstScreen();
    target.textContent = `The editor could not be loaded: ${String(error)}`;
  },
);
