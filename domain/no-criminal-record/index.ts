export * from './details';
export * from './spec';
export * from './rules';
export * from './request-log';
export * from './actions';
export * from './module';
