export * from './company-registry';
export * from './population-registry';
export * from './entry-exit-registry';
export * from './criminal-record-registry';
export * from './simulation';
export * from './local-registries';
