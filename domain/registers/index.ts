export * from './credit-code';
export * from './require-valid-credit-code';
export * from './id-number';
