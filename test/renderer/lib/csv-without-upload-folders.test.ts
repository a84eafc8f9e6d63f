import { describe, expect, it } from 'vitest';
import { csvWithoutUploadFolders } from '../../../src-renderer/src/lib/csv-without-upload-folders';

const UPLOADS = '/tmp/swarmscope-serve-AbC123/uploads/upload-XyZ789/';

describe('csvWithoutUploadFolders', () => {
  it('names files as they were dropped, keeping every other cell and the line ends as written', () => {
    const csv = `path,bytes,notes\r\n${UPLOADS}logs/mail.log.1.gz,120,\r\n"${UPLOADS}a,b.log",3,"said ""hi"""\r\n`;
    expect(csvWithoutUploadFolders(csv)).toBe('path,bytes,notes\r\nlogs/mail.log.1.gz,120,\r\n"a,b.log",3,"said ""hi"""\r\n');
  });

  it('gives a file named like a formula the leading apostrophe the engine gives such text', () => {
    const csv = `path,lines\r\n"${UPLOADS}=SUM(1,2).log",14\r\n${UPLOADS}+1.log,2\r\n${UPLOADS}@x.log,1\r\n"${UPLOADS}=HYPERLINK(""http:x"").log",1\r\n`;
    expect(csvWithoutUploadFolders(csv)).toBe(
      `path,lines\r\n"'=SUM(1,2).log",14\r\n'+1.log,2\r\n'@x.log,1\r\n"'=HYPERLINK(""http:x"").log",1\r\n`,
    );
  });

  it('leaves a cell the engine already neutralised, and text without upload folders, alone', () => {
    const csv = `user,attempts\n'=cmd|calc,1\n"'=a,b",2\n-,3\n`;
    expect(csvWithoutUploadFolders(csv)).toBe(csv);
    expect(csvWithoutUploadFolders('')).toBe('');
  });

  it('cuts the folders inside messages too', () => {
    expect(csvWithoutUploadFolders(`errors\r\ncould not read ${UPLOADS}x.gz: bad\r\n`)).toBe('errors\r\ncould not read x.gz: bad\r\n');
  });
});
