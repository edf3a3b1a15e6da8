export { AssessedTime, formatRelativeTime } from './AssessedTime';
