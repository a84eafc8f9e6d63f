// The bundled sample logs ("Try with sample data"): a generated year with a swarm, shipped in resources/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The sample's syslog stamps have no year, and a checkout does not keep the files' modification times. */
export const SAMPLE_YEAR = 2023;

/** Finds resources/sample from wherever the engine runs: sources, out/main, or a packaged app. */
export function sampleLogsPath(): string {
  const tried: string[] = [];
  const roots = [path.dirname(fileURLToPath(import.meta.url))];
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) roots.push(resourcesPath);
  for (const start of roots) {
    let dir = start;
    for (let i = 0; i < 5; i++) {
      for (const candidate of [path.join(dir, 'resources', 'sample'), path.join(dir, 'app.asar.unpacked', 'resources', 'sample')]) {
        tried.push(candidate);
        if (fs.existsSync(path.join(candidate, 'mail.log'))) return candidate;
      }
      dir = path.dirname(dir);
    }
  }
  throw new Error(`the sample logs are missing (looked in ${tried.slice(0, 3).join(', ')} …)`);
}
