import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Built into dist/ and served by the api at /ui (apps/api/src/ui); `npm run build` at the root builds it. */
export default defineConfig({
  base: '/ui/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': 'http://localhost:3000', '/admin': 'http://localhost:3000' } },
});
