export * from './reference-data';
export * from './defaults';
