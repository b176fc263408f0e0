export * from './shanghai-dates';
export * from './working-calendar';
export * from './working-days';
