export * from './details';
export * from './rules';
export * from './spec';
export * from './tasks';
export * from './actions';
export * from './module';
