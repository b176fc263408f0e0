export * from './details';
export * from './spec';
export * from './rules';
export * from './actions';
export * from './module';
export * from './residence-years';
