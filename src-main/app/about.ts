// What Help › About shows: versions, when this build was made, the licence, and the geolocation data in
// use with its own licence, as the engine reports it.
import { statSync } from 'node:fs';
import { app, dialog, type BrowserWindow } from 'electron';
import type { EngineApi } from '../shared/api';
import type { AboutInfo } from '../shared/bridge';

export const PRODUCT_NAME = 'Swarmscope';
export const LICENCE = 'MIT';

export type AppIdentity = Omit<AboutInfo, 'geo'>;

/** @param mainFile the running main bundle; its modification time is when this build was made. */
export function appIdentity(mainFile: string): AppIdentity {
  let buildDate = 'unknown';
  try {
    buildDate = statSync(mainFile).mtime.toISOString().slice(0, 10);
  } catch {
    // A missing bundle only costs the About box its date.
  }
  const { electron, chrome, node, v8 } = process.versions as Record<string, string>;
  return { name: PRODUCT_NAME, version: app.getVersion(), buildDate, versions: { electron, chrome, node, v8 }, licence: LICENCE };
}

export async function aboutInfo(engine: EngineApi, identity: AppIdentity): Promise<AboutInfo> {
  const { geo } = await engine.caseInfo();
  return { ...identity, geo };
}

export function aboutText(info: AboutInfo): string {
  const lines = [
    `Version ${info.version}, built ${info.buildDate}`,
    Object.entries(info.versions).map(([name, version]) => `${name} ${version}`).join(', '),
    `${info.name} is released under the ${info.licence} licence.`,
    '',
  ];
  if (info.geo.length === 0) lines.push('No geolocation database is loaded.');
  for (const db of info.geo) {
    lines.push(`Geolocation (${db.kind}): ${db.name}, built ${db.buildDate}${db.bundled ? ', bundled' : ''}. Licence: ${db.licence}.`);
  }
  return lines.join('\n');
}

export async function showAboutDialog(window: BrowserWindow, info: AboutInfo): Promise<void> {
  await dialog.showMessageBox(window, {
    type: 'info',
    title: `About ${info.name}`,
    message: `${info.name} ${info.version}`,
    detail: aboutText(info),
    buttons: ['OK'],
  });
}
