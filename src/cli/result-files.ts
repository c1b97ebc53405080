// The files of a result set (--out DIR) are defined with the app's export, which writes the same set as a zip.
export { resultFiles } from '../export/result-files';
