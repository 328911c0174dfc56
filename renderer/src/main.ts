// Mounts the editor with the client for wherever it runs (Electron preload bridge or `emend serve`).
import { mount } from 'svelte';
import type { EmendBridge } from '../../shared/api/bridge';
import { connectClient, requestFirst } from './api/client';
import App from './App.svelte';
import './app.css';

const scope = window as Window & { emend?: EmendBridge };
const client = connectClient(scope);
// The corpus list and the first document are on their way while the screen is mounted.
const first = requestFirst(client);
mount(App, { target: document.getElementById('app')!, props: { client, first } });
performance.mark('emend:screen-mounted');
