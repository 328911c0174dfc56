// The editor's screen: the App component mounted with the client and its first requests (a chunk of its own).
import { mount } from 'svelte';
import type { EmendClient, FirstRequests } from './api/client';
import App from './App.svelte';

export function mountScreen(target: HTMLElement, client: EmendClient, first: FirstRequests): void {
  mount(App, { target, props: { client, first } });
}
