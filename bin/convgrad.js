#!/usr/bin/env node
// Launcher for the `convgrad` CLI: registers tsx's loader so the TypeScript sources run without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
