// The actions keep the names the first ID card uses (captureBiometrics, signOff, …): import them from './actions'.
export * from './details';
export * from './spec';
export * from './module';
