// The README's command lines are what users copy first: each command and option they use must be one the built
// CLI's help lists for that command. Runs `out/` (npm test builds it first).
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const bin = path.join(root, 'bin', 'swarmscope.js');

/** The `npx swarmscope ...` lines of the README's code blocks, without their comments. */
function readmeCommandLines(): string[] {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks.flatMap((b) => b.split('\n')).filter((l) => l.startsWith('npx swarmscope ')).map((l) => l.replace(/\s+#.*$/, ''));
}

describe('README command lines', () => {
  it('use only commands and options that the command\'s --help lists', () => {
    const lines = readmeCommandLines();
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) {
      const [, , command, ...args] = line.split(/\s+/);
      const help = spawnSync(process.execPath, [bin, command, '--help'], { encoding: 'utf8' });
      expect(help.status, line).toBe(0);
      expect(help.stdout, line).toMatch(new RegExp(`^Usage:\\n  swarmscope ${command} `));
      for (const option of args.filter((a) => a.startsWith('--'))) expect(help.stdout, `${line}: ${option}`).toContain(option);
    }
  });
});
