// exifr's browser-and-Node "lite" bundle: the same API as the package's main entry, fewer parsers.
declare module 'exifr/dist/lite.esm.mjs' {
  import exifr from 'exifr';
  export default exifr;
}
