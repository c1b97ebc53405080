// What leaves the app: maps as PNG/SVG, arrays as .npy/.csv, result sets, zips. Pure: no DOM,
// no Node, so the app, its workers and the CLI share it. The maps themselves (which there are,
// their colour maps and pixels) are here too: maps.ts, colormap.ts, map-files.ts.
export { encodePng, scaleNearest, MAX_SCALE } from './png';
export { mapSvg, type LegendSpec, type MapSvgInput } from './map-svg';
export { planeCsv } from './csv';
export { zipFiles, unzipFiles, type FileSet } from './zip';
export { resultFiles, type ResultArrays } from './result-files';
export { checkReport, reportJson, sweepReport, REPORT_FILE, SWEEP_FILE } from './report';
export type { CheckOutcome, PrecisionRun, Report, ReportedCheck, ReportedSweep, ReportInputs, ReportSource, SweepReport } from './report';
