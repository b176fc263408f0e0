export * from './kernel';
export * from './case-types';
export * from './offices';
export * from './registers';
export * from './port-visa';
export * from './sla';
export * from './calendar';
