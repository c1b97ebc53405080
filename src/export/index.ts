// What leaves the app: maps as PNG/SVG, arrays as .npy/.csv, result sets, zips. Pure: no DOM,
// no Node, so the app, its workers and the CLI share it.
export { encodePng, scaleNearest, MAX_SCALE } from './png';
export { mapSvg, type LegendSpec, type MapSvgInput } from './map-svg';
export { planeCsv } from './csv';
export { zipFiles, unzipFiles, type FileSet } from './zip';
export { resultFiles, REPORT_FILE, type ResultArrays } from './result-files';
