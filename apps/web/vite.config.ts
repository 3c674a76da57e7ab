import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The single-page app. `vite build` writes apps/web/dist, which the server serves at `/`;
 * in development (`vite`), API calls go to a server started separately on port 3000.
 */
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Keep the first load small: warn as soon as a chunk outgrows what a shell should need.
    chunkSizeWarningLimit: 300,
    rolldownOptions: {
      output: {
        // Libraries change less often than our code: a separate chunk stays cached across releases.
        // Only the shell's libraries: charting and map libraries (Observable Plot, d3, topojson)
        // stay in the lazily loaded chunks of the pages that use them.
        codeSplitting: {
          groups: [
            {
              name: 'vendor',
              test: /node_modules[\\/](react|react-dom|scheduler|i18next|react-i18next|intl-messageformat|@formatjs)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
