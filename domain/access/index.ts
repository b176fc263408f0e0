export * from './policy';
export * from './lodging';
