export * from './details';
export * from './admission-rules';
export * from './eligibility';
export * from './spec';
export * from './actions';
export * from './module';
export * from './permit-years';
