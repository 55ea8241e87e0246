// Zod 4 compiles a fast path for object schemas with `new Function`, and
// probes whether it may by trying once. Under the lab's Content-Security-
// Policy (no 'unsafe-eval', see vite.config.ts) that probe is a CSP violation
// reported in the console of every learner. Turning the JIT off keeps
// validation identical and the console clean. Imported first by each browser
// entry (the page and the node workers), before any schema is built.

import { z } from 'zod';

z.config({ jitless: true });
