export * from './company-registry';
export * from './population-registry';
export * from './entry-exit-registry';
export * from './birth-certificate-registry';
export * from './marriage-registry';
export * from './birth-sequence';
export * from './simulation';
export * from './local-registries';
