// The bundled sample images (resources/samples, served next to index.html as ./samples/).
export interface Sample {
  readonly file: string;
  readonly label: string;
}

export const SAMPLES: readonly Sample[] = [
  { file: 'camera.png', label: 'Camera' },
  { file: 'astronaut.png', label: 'Astronaut' },
  { file: 'chelsea.png', label: 'Chelsea' },
  { file: 'text.png', label: 'Text' },
  { file: 'chessboard_GRAY.png', label: 'Chessboard' },
];

export const DEFAULT_SAMPLE = SAMPLES[0];

/** Relative to the page, so it works under app:// and http:// alike. */
export function sampleUrl(sample: Sample): string {
  return `./samples/${sample.file}`;
}
