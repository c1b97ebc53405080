// Renderer entry: mounts the Svelte app. Everything else lives in App.svelte and below.
import { mount } from 'svelte';
import App from './App.svelte';

const target = document.getElementById('app');
if (target === null) throw new Error('index.html: missing the #app element');
mount(App, { target });
