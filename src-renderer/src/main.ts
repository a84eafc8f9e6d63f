// Renderer entry: connect to whichever host serves this page (Electron preload or the web host) and mount.
import { mount } from 'svelte';
import App from './App.svelte';
import { connectHost } from './lib/api';
import './app.css';

mount(App, { target: document.getElementById('app')!, props: { host: connectHost() } });
