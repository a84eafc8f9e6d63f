// Closing the window ends the app and its case. When the case holds changes not saved to a file, the user
// is asked first: the page asks before Open case and Close case, but the window's close button, Alt+F4
// and Cmd+Q never reach the page.
import { dialog, type BrowserWindow } from 'electron';
import type { EngineApi } from '../shared/api';

/** How long the engine gets to say whether the case is saved; a busy or stuck engine must not hold the window open. */
export const ENGINE_ANSWER_MS = 1500;

type Unsaved = boolean | 'unknown';

async function caseUnsaved(engine: Pick<EngineApi, 'caseInfo'>): Promise<Unsaved> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<Unsaved>((resolve) => (timer = setTimeout(() => resolve('unknown'), ENGINE_ANSWER_MS)));
  try {
    return await Promise.race([
      // An engine that failed has no case left to lose.
      engine.caseInfo().then((info) => info.unsaved === true, () => false),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export function askBeforeClosingUnsaved(options: { window: BrowserWindow; engine: Pick<EngineApi, 'caseInfo'> }): void {
  const { window, engine } = options;
  let decided = false;
  let asking = false;
  window.on('close', (event) => {
    if (decided) return;
    event.preventDefault(); // held until the engine (and maybe the user) answers; close() again then
    if (asking) return;
    asking = true;
    void mayClose().then((close) => {
      asking = false;
      if (!close || window.isDestroyed()) return;
      decided = true;
      window.close();
    });
  });

  async function mayClose(): Promise<boolean> {
    const unsaved = await caseUnsaved(engine);
    if (unsaved === false) return true;
    const { response } = await dialog.showMessageBox(window, {
      type: 'warning',
      title: 'Unsaved changes',
      message: unsaved === true ? 'The case has changes that are not saved.' : 'The case may have changes that are not saved.',
      detail: 'Quitting throws them away. To keep them, cancel and use File › Save case as….',
      buttons: ['Quit without saving', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
    });
    return response === 0;
  }
}
