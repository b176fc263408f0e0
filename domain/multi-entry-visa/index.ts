export * from './details';
export * from './module';
