import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer bundle: no inline scripts or styles, so the strict CSP holds.
export default defineConfig({
  root: 'src-renderer',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../build/renderer',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
    // Electron's Chromium and the browser host's Chromium read light-dark() natively (Chromium 123+):
    // keep it as written rather than lowered into a second copy of the dark palette.
    cssTarget: 'chrome123',
  },
});
