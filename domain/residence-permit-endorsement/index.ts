export * from './details';
export * from './spec';
export * from './module';
