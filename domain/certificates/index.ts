export * from './e-certificate';
