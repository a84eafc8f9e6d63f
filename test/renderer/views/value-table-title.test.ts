// A user name or password too long for its cell ends in "…": the cell's title holds the whole value, as text,
// with the characters that would not show (and spaces at its ends) written as their code points, as the cell
// shows them in boxes.
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { Selection, ValueCount } from '../../../src-main/shared/api';
import TopPasswords from '../../../src-renderer/src/views/panels/TopPasswords.svelte';
import TopUsers from '../../../src-renderer/src/views/panels/TopUsers.svelte';
import { FakeHost } from '../fakes';
import { VALUE_LIMIT } from '../../../src-renderer/src/lib/state/view-data.svelte';

const ALL: Selection = { from: null, to: null, countries: [], search: '' };
const LONG = `${'x'.repeat(40)}-admin-${'y'.repeat(80)}@mail.example.com`;
const HOSTILE = '<img src=x onerror=alert(1)>';

const valueCells = (): HTMLElement[] => screen.getAllByTestId('value-row').map((row) => row.querySelector<HTMLElement>('td.value')!);

describe('the value cells of the user name and password tables', () => {
  it('carry the whole value as their title, invisible characters and edge spaces as code points, markup as text', () => {
    const rows: ValueCount[] = [LONG, 'adm\u200bin ', '\u202eadmin', HOSTILE].map((value, i) => ({ value, attempts: 10 - i, ips: 1 }));
    render(TopUsers, { props: { host: new FakeHost(), rows: [...rows, { value: null, attempts: 1, ips: 1 }], selection: ALL, totalAttempts: 40, onPick: () => {} } });
    const cells = valueCells();
    expect(cells.map((cell) => cell.getAttribute('title'))).toEqual([LONG, 'admU+200BinU+0020', 'U+202Eadmin', HOSTILE, null]);
    expect(cells[1].textContent).toBe('admU+200BinU+0020');
    expect(document.querySelector('img')).toBeNull();
  });

  it('in the passwords table too', () => {
    render(TopPasswords, { props: { host: new FakeHost(), rows: [{ value: ` ${LONG}`, attempts: 3, ips: 2 }], selection: ALL, totalAttempts: 3 } });
    expect(valueCells()[0].getAttribute('title')).toBe(`U+0020${LONG}`);
  });
});

describe('the passwords table title', () => {
  const title = () => screen.getByTestId('top-passwords').querySelector('h2')!.textContent;

  it('counts the passwords logged, not the row of attempts whose lines hold none', () => {
    const { unmount } = render(TopPasswords, { props: { host: new FakeHost(), rows: [{ value: null, attempts: 30, ips: 5 }], selection: ALL, totalAttempts: 30 } });
    expect(title()).toBe('Passwords tried (none logged)');
    unmount();
    render(TopPasswords, {
      props: { host: new FakeHost(), rows: [{ value: '123456', attempts: 3, ips: 2 }, { value: null, attempts: 30, ips: 5 }], selection: ALL, totalAttempts: 33 },
    });
    expect(title()).toBe('Passwords tried (1)');
  });
});

describe('the user names table title', () => {
  const title = () => screen.getByTestId('top-users').querySelector('h2')!.textContent;

  it('counts the user names, not the row of attempts whose lines name none', () => {
    const { unmount } = render(TopUsers, { props: { host: new FakeHost(), rows: [{ value: null, attempts: 30, ips: 5 }], selection: ALL, totalAttempts: 30, onPick: () => {} } });
    expect(title()).toBe('User names tried (none logged)');
    unmount();
    render(TopUsers, {
      props: {
        host: new FakeHost(),
        rows: [{ value: 'admin', attempts: 3, ips: 2 }, { value: null, attempts: 30, ips: 5 }, { value: 'info', attempts: 1, ips: 1 }],
        selection: ALL, totalAttempts: 34, onPick: () => {},
      },
    });
    expect(title()).toBe('User names tried (2)');
  });
});

describe('a user name or password list cut at the limit', () => {
  // A year of logs holds some 1,300 passwords; the table lists the 500 most tried. Scrolled to its end, it must not
  // pass for all of them.
  const many = (count: number): ValueCount[] => Array.from({ length: count }, (_, i) => ({ value: `pass${i}`, attempts: count - i, ips: 1 }));

  it('says below its last row that only the rows with the most attempts are listed, and that Save CSV has them all', () => {
    render(TopPasswords, { props: { host: new FakeHost(), rows: [{ value: null, attempts: 5805, ips: 1782 }, ...many(VALUE_LIMIT - 1)], selection: ALL, totalAttempts: 30_827 } });
    expect(screen.getAllByTestId('value-row')).toHaveLength(VALUE_LIMIT);
    expect(screen.getByTestId('passwords-table-cut').textContent).toBe(
      `Only the ${VALUE_LIMIT} rows with the most attempts are listed here; Save CSV writes them all.`,
    );
  });

  it('in the user names table too, and not under a list shorter than the limit', () => {
    const { unmount } = render(TopUsers, { props: { host: new FakeHost(), rows: many(VALUE_LIMIT), selection: ALL, totalAttempts: 30_827, onPick: () => {} } });
    expect(screen.getByTestId('users-table-cut')).toBeTruthy();
    unmount();
    render(TopUsers, { props: { host: new FakeHost(), rows: many(272), selection: ALL, totalAttempts: 30_827, onPick: () => {} } });
    expect(screen.queryByTestId('users-table-cut')).toBeNull();
  });
});

describe('the passwords table of attempts whose lines hold no password', () => {
  const note = () => screen.queryByTestId('passwords-not-logged');

  it('says why: sshd never logs the password, dovecot only with auth_verbose_passwords', () => {
    const { unmount } = render(TopPasswords, { props: { host: new FakeHost(), rows: [{ value: null, attempts: 29_231, ips: 3_466 }], selection: ALL, totalAttempts: 29_231 } });
    expect(note()?.textContent).toMatch(/sshd, postfix and Exim never log it; dovecot\s+does only with auth_verbose_passwords set/);
    unmount();
    render(TopPasswords, { props: { host: new FakeHost(), rows: [{ value: '123456', attempts: 3, ips: 2 }], selection: ALL, totalAttempts: 3 } });
    expect(note()).toBeNull();
  });
});
