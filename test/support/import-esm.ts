/**
 * `import()` of an ESM-only package from a test: the test compiler turns a literal `import()` into `require()`,
 * which cannot load ESM, so the call is built at run time (jest runs with --experimental-vm-modules).
 */
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- the only way past the compiler's rewrite, see above
export const importEsm = new Function('specifier', 'return import(specifier)') as <T = unknown>(specifier: string) => Promise<T>;
