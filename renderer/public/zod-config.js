// Runs before any module: the content security policy forbids eval, and zod probes for it as its
// schemas are built (in whichever chunk loads first). A refused probe is reported as a policy
// violation, which would hide a real one, so zod is told not to try.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
