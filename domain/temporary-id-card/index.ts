export * from './details';
export * from './spec';
export * from './card-case';
export * from './module';
