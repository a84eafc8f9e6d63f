import type { EngineApi, EngineEvent } from './api';

/** A running engine: the API plus its events and a way to stop it. */
export type EngineHandle = EngineApi & {
  onEvent(listener: (e: EngineEvent) => void): () => void;
  terminate(): Promise<void>;
};
