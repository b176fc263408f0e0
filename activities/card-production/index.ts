export * from './card-production-centre';
export * from './produce-card';
