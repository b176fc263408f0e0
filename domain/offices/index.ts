export * from './offices';
