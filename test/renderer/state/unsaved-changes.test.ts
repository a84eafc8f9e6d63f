// Opening or closing a case that holds unsaved changes asks first: save, discard or cancel.
import { describe, expect, it, onTestFinished } from 'vitest';
import { CaseState } from '../../../src-renderer/src/lib/state/case.svelte';
import { generateAttacks } from '../fake-data';
import { FakeHost, settle } from '../fakes';

const YEAR = generateAttacks({ seed: 7, days: 40, backgroundIps: 60, backgroundAttempts: 400, swarmIps: 50 });
const DROPPED = generateAttacks({ seed: 8, days: 3, backgroundIps: 5, backgroundAttempts: 14, swarmIps: 0 });
const OTHER = generateAttacks({ seed: 9, days: 10, backgroundIps: 10, backgroundAttempts: 90, swarmIps: 0 });

/** A case opened from its file, then a log dropped on it: the QA pass's 14,249 + 14 attempts, smaller. */
async function caseWithDroppedLog(): Promise<{ host: FakeHost; state: CaseState }> {
  const host = new FakeHost();
  const state = new CaseState(host);
  onTestFinished(() => state.destroy());
  await state.start();
  host.nextCaseFile = { path: '/cases/mail-2023.swarmscope', attempts: YEAR };
  await state.openCase();
  expect(state.info).toMatchObject({ path: '/cases/mail-2023.swarmscope', attempts: YEAR.length, unsaved: false });
  expect(state.unsaved).toBe(false);
  host.addAttempts(DROPPED, 'dropped.log');
  await settle();
  expect(state.info?.attempts).toBe(YEAR.length + DROPPED.length);
  expect(state.unsaved).toBe(true);
  return { host, state };
}

describe('a case with unsaved changes', () => {
  it('asks before another case is opened, and keeps the additions when the user cancels', async () => {
    const { host, state } = await caseWithDroppedLog();
    host.nextCaseFile = { path: '/cases/other.swarmscope', attempts: OTHER };
    const opening = state.openCase();
    await settle();
    expect(state.question.current?.message).toContain('“mail-2023.swarmscope” has changes that are not saved');
    expect(host.callsOf('openCaseDialog')).toHaveLength(1); // only the first open
    state.question.answer('cancel');
    await opening;
    expect(state.question.current).toBeNull();
    expect(host.callsOf('openCaseDialog')).toHaveLength(1);
    expect(state.info).toMatchObject({ path: '/cases/mail-2023.swarmscope', attempts: YEAR.length + DROPPED.length, unsaved: true });
  });

  it('opens the other case when the user discards the changes', async () => {
    const { host, state } = await caseWithDroppedLog();
    host.nextCaseFile = { path: '/cases/other.swarmscope', attempts: OTHER };
    const opening = state.openCase();
    await settle();
    state.question.answer('confirm');
    await opening;
    expect(host.callsOf('openCaseDialog')).toHaveLength(2);
    expect(state.info).toMatchObject({ path: '/cases/other.swarmscope', attempts: OTHER.length, unsaved: false });
  });

  it('saves first when asked to, and opens only once the case is saved', async () => {
    const { host, state } = await caseWithDroppedLog();
    host.nextCaseFile = { path: '/cases/other.swarmscope', attempts: OTHER };
    host.nextSavePath = null; // the save dialog is cancelled: nothing is thrown away
    let opening = state.openCase();
    await settle();
    state.question.answer('save');
    await opening;
    expect(host.callsOf('saveCaseDialog')).toHaveLength(1);
    expect(host.callsOf('openCaseDialog')).toHaveLength(1);
    expect(state.info?.attempts).toBe(YEAR.length + DROPPED.length);

    host.nextSavePath = '/cases/mail-2023-with-dropped.swarmscope';
    opening = state.openCase();
    await settle();
    state.question.answer('save');
    await opening;
    expect(host.callsOf('saveCaseDialog')).toHaveLength(2);
    expect(host.callsOf('openCaseDialog')).toHaveLength(2);
    expect(state.info).toMatchObject({ path: '/cases/other.swarmscope', attempts: OTHER.length });
  });

  it('asks before closing a case that was never saved, and closes a saved one at once', async () => {
    const host = new FakeHost();
    const state = new CaseState(host);
    onTestFinished(() => state.destroy());
    await state.start();
    host.addAttempts(DROPPED, 'dropped.log');
    await settle();
    const closing = state.closeCase();
    await settle();
    expect(state.question.current?.message).toBe(`This case (${DROPPED.length} attempts) has never been saved. Closing it throws it away.`);
    state.question.answer('cancel');
    expect(await closing).toBe(false);
    expect(host.callsOf('openCase')).toHaveLength(0);

    await state.saveCase();
    expect(state.unsaved).toBe(false);
    expect(await state.closeCase()).toBe(true);
    expect(state.question.current).toBeNull();
    expect(host.callsOf('openCase')[0].args).toEqual([null]);
    expect(state.info?.attempts).toBe(0);
  });
});
