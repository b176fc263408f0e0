export * from './spec';
export * from './rules';
export * from './fees';
export * from './actions';
export * from './tasks';
export * from './evolve';
export * from './sign-off';
