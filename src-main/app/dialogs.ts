// The native open and save dialogs. The renderer only asks for a dialog; paths come from the user's choice
// in main, never from the page.
import { app, dialog, type BrowserWindow, type FileFilter } from 'electron';
import { join } from 'node:path';
import { userGeoDatabases, type CaseInfo } from '../shared/api';
import { HOST_CHANNELS } from '../shared/channels';
import { callEngine } from '../shared/engine-args';
import type { EngineHandle } from '../shared/engine-handle';
import { writeFileAtomic } from '../engine/fs/atomic-write';
import { extensionOf, safeFileName } from './file-names';
import { expectArgs, handleTrusted, type SenderCheck } from './trusted-ipc';

export const CASE_EXTENSION = 'swarmscope';
/** Large enough for any CSV or blocklist of a real case; keeps a runaway page from filling the disk. */
export const MAX_SAVED_TEXT_LENGTH = 256 * 1024 * 1024;

const CASE_FILTERS: FileFilter[] = [
  { name: 'Swarmscope case', extensions: [CASE_EXTENSION, 'sqlite', 'db'] },
  { name: 'All files', extensions: ['*'] },
];
const GEO_DATABASE_FILTERS: FileFilter[] = [{ name: 'MaxMind database (GeoLite2, GeoIP2)', extensions: ['mmdb'] }];

export function setupDialogs(options: { engine: EngineHandle; window: BrowserWindow; isTrusted: SenderCheck }): void {
  const { engine, window, isTrusted } = options;

  handleTrusted(HOST_CHANNELS.openLogsDialog, isTrusted, async (...args) => {
    expectArgs(HOST_CHANNELS.openLogsDialog, args, 0);
    const picked = await dialog.showOpenDialog(window, {
      title: 'Open logs',
      buttonLabel: 'Open',
      // Only macOS can offer files and folders in one dialog; elsewhere folders are dropped on the window.
      properties: process.platform === 'darwin' ? ['openFile', 'openDirectory', 'multiSelections'] : ['openFile', 'multiSelections'],
    });
    if (picked.canceled || picked.filePaths.length === 0) return null;
    return engine.ingest(picked.filePaths);
  });

  handleTrusted(HOST_CHANNELS.openCaseDialog, isTrusted, async (...args) => {
    expectArgs(HOST_CHANNELS.openCaseDialog, args, 0);
    const picked = await dialog.showOpenDialog(window, { title: 'Open case', properties: ['openFile'], filters: CASE_FILTERS });
    if (picked.canceled || picked.filePaths.length === 0) return null;
    return engine.openCase(picked.filePaths[0]);
  });

  handleTrusted(HOST_CHANNELS.chooseGeoDatabasesDialog, isTrusted, async (...args) => {
    expectArgs(HOST_CHANNELS.chooseGeoDatabasesDialog, args, 0);
    const picked = await dialog.showOpenDialog(window, {
      title: 'Add MaxMind geolocation databases',
      buttonLabel: 'Add',
      message: 'GeoLite2 or GeoIP2 Country, City or ASN databases (.mmdb)',
      properties: ['openFile', 'multiSelections'],
      filters: GEO_DATABASE_FILTERS,
    });
    if (picked.canceled || picked.filePaths.length === 0) return null;
    // The picked files come first (a newer build takes precedence) and join those already in use.
    const inUse = userGeoDatabases((await engine.caseInfo()).geo).map((db) => db.path);
    const paths = [...picked.filePaths, ...inUse.filter((path) => !picked.filePaths.includes(path))];
    return callEngine(engine, 'setGeoDatabases', [paths]) as Promise<CaseInfo>;
  });

  handleTrusted(HOST_CHANNELS.saveCaseDialog, isTrusted, async (...args) => {
    expectArgs(HOST_CHANNELS.saveCaseDialog, args, 0);
    const current = (await engine.caseInfo()).path;
    const picked = await dialog.showSaveDialog(window, {
      title: 'Save case as',
      defaultPath: current ?? join(app.getPath('documents'), `case.${CASE_EXTENSION}`),
      filters: CASE_FILTERS,
    });
    if (picked.canceled || !picked.filePath) return null;
    const path = extensionOf(picked.filePath) ? picked.filePath : `${picked.filePath}.${CASE_EXTENSION}`;
    return engine.saveCase(path);
  });

  handleTrusted(HOST_CHANNELS.saveTextDialog, isTrusted, async (...args) => {
    expectArgs(HOST_CHANNELS.saveTextDialog, args, 2);
    const [suggestedName, text] = args;
    if (typeof text !== 'string') throw new Error('saveTextFile: the text must be a string');
    if (text.length > MAX_SAVED_TEXT_LENGTH) throw new Error('saveTextFile: the text is too large');
    const name = safeFileName(suggestedName);
    const extension = extensionOf(name);
    const picked = await dialog.showSaveDialog(window, {
      title: 'Save',
      defaultPath: join(app.getPath('downloads'), name),
      filters: extension
        ? [{ name: `${extension.toUpperCase()} file`, extensions: [extension] }, { name: 'All files', extensions: ['*'] }]
        : undefined,
    });
    if (picked.canceled || !picked.filePath) return false;
    writeFileAtomic(picked.filePath, text);
    return true;
  });
}
