export { AssessmentHistory } from './AssessmentHistory';
