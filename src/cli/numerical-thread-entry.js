// Worker-thread entry: threads start without the main thread's TypeScript loader, so register it first.
import { register } from 'tsx/esm/api';

register();
await import('./numerical-thread.ts');
