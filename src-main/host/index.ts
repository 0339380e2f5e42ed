export { startBrowserHost } from './server';
export type { BrowserHost, BrowserHostOptions } from './server';
export { readRendererFile, rendererHeaders } from './renderer-files';
