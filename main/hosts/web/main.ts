// Entry of the loopback web host:
// `node out/main/web.js [--port N] [--data-dir DIR] [--passphrase-file FILE] [--open]`.
import { fileURLToPath } from 'node:url';
import { startWebHostProgram } from './web-host-program';

startWebHostProgram(process.argv.slice(2), {
  staticDir: fileURLToPath(new URL('../renderer', import.meta.url)),
});
