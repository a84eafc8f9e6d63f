// The viewer shows the files a browser sent by the names they were dropped with, not by where the web host
// keeps them: paths and messages lose the host's upload folders, and nothing else.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UploadBatch } from '../../../src-main/serve/uploads';
import { SERVE_FOLDER_PREFIX, UPLOADS_FOLDER, withoutUploadFolders } from '../../../src-main/shared/upload-folders';

const hostFolder = fs.mkdtempSync(path.join(os.tmpdir(), SERVE_FOLDER_PREFIX));
afterAll(() => fs.rmSync(hostFolder, { recursive: true, force: true }));

describe('withoutUploadFolders', () => {
  it('cuts the folders the web host really makes from a path, a file of a dropped folder, and a path in a message', async () => {
    const batch = UploadBatch.create(path.join(hostFolder, UPLOADS_FOLDER));
    batch.begin('logs/mail.log.45.gz', 0, null);
    const written = await batch.end();
    expect(withoutUploadFolders(written)).toBe('logs/mail.log.45.gz');
    const [entry] = batch.entries();
    expect(withoutUploadFolders(entry)).toBe('logs');
    expect(withoutUploadFolders(`continues ${written}: its first 1,335 lines are already in the case`))
      .toBe('continues logs/mail.log.45.gz: its first 1,335 lines are already in the case');
    expect(withoutUploadFolders(`cannot open case ${written}: not a SQLite database`)).toBe('cannot open case logs/mail.log.45.gz: not a SQLite database');
    // The case the host saves for a download, beside the uploads.
    expect(withoutUploadFolders(path.join(hostFolder, 'swarmscope-2023-01-09-to-2023-11-24.swarmscope'))).toBe('swarmscope-2023-01-09-to-2023-11-24.swarmscope');
    // A sources CSV: each path, quoted or not, in its field.
    expect(withoutUploadFolders(`path,lines\n"${written}",1335\n${written},1335\n`)).toBe('path,lines\n"logs/mail.log.45.gz",1335\nlogs/mail.log.45.gz,1335\n');
    await batch.discard();
  });

  it('leaves other paths as they are, also ones that look a little like the host\'s', () => {
    for (const text of ['/var/log/mail.log.1', '/tmp/uploads/upload-abcdef/mail.log', `/tmp/${SERVE_FOLDER_PREFIX}x/uploads/mail.log`,
      'C:\\Users\\ann\\logs\\mail.log', 'user=<swarmscope-serve-abcdef/uploads/upload-abcdef>']) {
      expect(withoutUploadFolders(text)).toBe(text);
    }
  });
});
