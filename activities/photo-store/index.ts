export * from './photo-store';
export * from './json-file-photo-store';
export * from './photo-activities';
