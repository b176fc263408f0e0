export type { Projection } from './projection';
export { tableOf } from './projection';
export { createProjectionRunner, type ProjectionRunner, type ProjectionRunnerOptions, type ProjectionStatus, type RunnerState } from './runner';
export type { ProjectionLag } from './lag';
export { CheckpointFenced } from './checkpoint-table';
