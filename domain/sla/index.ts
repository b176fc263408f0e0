export * from './sla-clock-error';
export * from './clock-spec';
export * from './clock-state';
export * from './default-sla-policy';
export * from './clock-arithmetic';
export * from './clock-lifecycle';
export * from './sla-transitions';
export * from './sla-view';
