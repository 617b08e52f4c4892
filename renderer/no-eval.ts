// Imported first: the content security policy forbids eval, and zod probes for it as each schema
// is built. The refused probe is reported as a policy violation, which would hide a real one.
import { z } from 'zod';

z.config({ jitless: true });
