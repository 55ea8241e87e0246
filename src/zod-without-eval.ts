// Zod 4 compiles a fast path for object schemas with `new Function`, and
// probes whether it may by trying once. Under the lab's Content-Security-
// Policy (no 'unsafe-eval', see vite.config.ts) that probe is a CSP violation
// reported in the console of every learner. Turning the JIT off keeps
// validation identical and the console clean. Imported first by each browser
// entry that validates (the page's scenario opener, the node workers), before any
// schema is built; vite.config.ts keeps it in zod's own chunk, so it runs wherever zod loads.

import { z } from 'zod';

z.config({ jitless: true });
