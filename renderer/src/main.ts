// Mounts the editor with the client for wherever it runs (Electron preload bridge or `emend serve`).
import { mount } from 'svelte';
import type { EmendBridge } from '../../shared/api/bridge';
import { connectClient } from './api/client';
import App from './App.svelte';
import './app.css';

const scope = window as Window & { emend?: EmendBridge };
mount(App, { target: document.getElementById('app')!, props: { client: connectClient(scope) } });
