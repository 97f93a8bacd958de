import * as z from 'zod/mini';

// Mini-programs forbid `new Function`, so zod must never try to JIT-compile its parsers.
z.config({ jitless: true });
