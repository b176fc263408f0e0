export * from './details';
export * from './rules';
export * from './spec';
export * from './progress';
export * from './actions';
export * from './tasks';
export * from './module';
