export { createVerifyAction } from './verify';
export { createPublishLocalAction } from './publishLocal';
export { createRegisterLocalAction } from './registerLocal';
