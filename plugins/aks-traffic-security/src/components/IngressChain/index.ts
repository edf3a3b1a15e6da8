export { IngressChain } from './IngressChain';
