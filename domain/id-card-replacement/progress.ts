// Lodged in another province: the residence office handles it, after the hukou-place office signed off.
export { needsSignOff } from '../id-card/actions';
