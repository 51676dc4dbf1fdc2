import { z } from "zod";

// zod compiles object parsers with `new Function` when it may; the admin UI's CSP has no
// 'unsafe-eval', so even zod's probe for it would be reported as a violation. Imported first,
// before any schema is built.
z.config({ jitless: true });
