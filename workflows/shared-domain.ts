import type * as Domain from '../domain';

/**
 * The domain's modules, evaluated once per worker thread and shared by every case workflow on it.
 *
 * The SDK evaluates the workflow code's modules again for each new workflow (its reusable V8 context keeps
 * them apart), and building the domain's zod schemas was most of what a new case cost the worker's
 * workflow thread (bench/api/workflow-creation.ts). The domain is pure: no clock, randomness, I/O or
 * module state other than memoised lookups (decide.ts's action tables), so one copy decides exactly what
 * a copy per workflow would; sharing changes what the worker spends, never what a case decides.
 *
 * Why a function and a lazy require: this module is preloaded (`preloadModules`, apps/runtime/temporal.ts)
 * and the SDK deep-freezes what preloaded modules export and import, which zod's schemas do not survive
 * (they memoise into themselves). A closure is out of the freeze's reach: the first workflow on a thread
 * evaluates the domain in its own module cache and every later one gets that copy. In a bundle without
 * the preload (the tests' harness) each workflow evaluates this module, and so the domain, for itself.
 * Workflow code imports the domain through ./domain, never `../domain` (an ESLint fence): two copies in one
 * workflow would not recognise each other's errors.
 */
let domain: typeof Domain | undefined;

export function sharedDomain(): typeof Domain {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- evaluated at first use, not when preloaded (see above)
  return (domain ??= require('../domain') as typeof Domain);
}
