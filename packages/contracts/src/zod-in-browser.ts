import { z } from 'zod';

// In a browser the app's CSP forbids eval: zod would probe `new Function` for its compiled parsers while the
// schemas are being defined, and the browser would report a CSP violation on every page that loads them
// (Lighthouse best practices: "issues logged"). Imported first by the package's entry, before any schema exists.
// The server keeps the compiled parsers.
if ('document' in globalThis) z.config({ jitless: true });
