export { ExportsFolder, fileStem } from './folder';
export type { ExportsFolderOptions } from './folder';
