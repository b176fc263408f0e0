export * from './details';
export * from './spec';
export * from './actions';
export * from './module';
