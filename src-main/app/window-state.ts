// The main window's size and place, kept in userData between runs. A saved place is only reused when
// it is still on one of the screens (monitors get unplugged); otherwise the system places the window.
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../engine/fs/atomic-write';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false };
export const MIN_WINDOW_SIZE = { width: 800, height: 560 };
/** How much of the window's title bar must be on a screen for the saved place to count as visible. */
const VISIBLE_MARGIN = 48;

const isCoordinate = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isSize = (value: unknown): value is number => isCoordinate(value) && value > 0 && value < 100_000;

/** The saved state, or the default when there is none or it is damaged. */
export function readWindowState(file: string): WindowState {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
  if (typeof raw !== 'object' || raw === null) return { ...DEFAULT_WINDOW_STATE };
  const saved = raw as Record<string, unknown>;
  if (!isSize(saved.width) || !isSize(saved.height)) return { ...DEFAULT_WINDOW_STATE };
  const state: WindowState = {
    width: Math.round(saved.width),
    height: Math.round(saved.height),
    maximized: saved.maximized === true,
  };
  if (isCoordinate(saved.x) && isCoordinate(saved.y)) {
    state.x = Math.round(saved.x);
    state.y = Math.round(saved.y);
  }
  return state;
}

export function writeWindowState(file: string, state: WindowState): void {
  writeFileAtomic(file, `${JSON.stringify(state)}\n`);
}

/** Fits a saved state to today's screens: at least the minimum size, no larger than the biggest screen. */
export function fitToScreens(state: WindowState, workAreas: readonly Rectangle[]): WindowState {
  const widest = Math.max(MIN_WINDOW_SIZE.width, ...workAreas.map((area) => area.width));
  const tallest = Math.max(MIN_WINDOW_SIZE.height, ...workAreas.map((area) => area.height));
  const fitted: WindowState = {
    width: Math.min(Math.max(state.width, MIN_WINDOW_SIZE.width), widest),
    height: Math.min(Math.max(state.height, MIN_WINDOW_SIZE.height), tallest),
    maximized: state.maximized,
  };
  if (state.x === undefined || state.y === undefined) return fitted;
  const { x, y } = state;
  const titleBarVisible = workAreas.some((area) =>
    x + fitted.width - VISIBLE_MARGIN >= area.x && x + VISIBLE_MARGIN <= area.x + area.width &&
    y >= area.y && y + VISIBLE_MARGIN <= area.y + area.height);
  return titleBarVisible ? { ...fitted, x, y } : fitted;
}
