export { writeFileAtomic, fsyncDirectory } from './atomic';
