export * from './company-registry';
export * from './simulation';
