// Zod probes for eval (`new Function`) to compile fast object parsers; under the dashboard's CSP
// the probe fails harmlessly but is reported as a violation. Every page that loads the shared
// schemas imports this first (ES modules run in import order), so zod never probes; main.tsx
// does not, to keep zod out of the first chunk.
import { config } from 'zod/v4/core';

config({ jitless: true });
