import { describe, expect, it } from 'vitest';
import type { EngineRequest } from '../../../src-main/engine/worker/protocol';
import { RequestQueue, laneOf } from '../../../src-main/engine/worker/request-queue';
import type { Selection } from '../../../src-main/shared/api';

const week: Selection = { from: '2025-06-01', to: '2025-06-07', countries: [], search: '' };
const request = (seq: number, method: 'summary' | 'countries' | 'ips' | 'caseInfo', lane?: string): EngineRequest => {
  if (method === 'caseInfo') return { seq, method, args: [] };
  const selection = lane === undefined ? week : { ...week, lane };
  if (method === 'ips') return { seq, method, args: [selection, 'attempts', true, 0, 200] };
  return { seq, method, args: [selection] };
};

function drain(queue: RequestQueue): number[] {
  const out: number[] = [];
  for (let req = queue.next(); req; req = queue.next()) out.push(req.seq);
  return out;
}

describe('RequestQueue', () => {
  it('keeps requests in the order they came', () => {
    const queue = new RequestQueue(() => expect.fail('nothing is superseded'));
    for (const [seq, method] of [[1, 'caseInfo'], [2, 'summary'], [3, 'countries'], [4, 'summary']] as const) queue.push(request(seq, method));
    expect(drain(queue)).toEqual([1, 2, 3, 4]);
  });

  it('answers a waiting question of a view as superseded when a newer one of that view comes, and no other', () => {
    const superseded: number[] = [];
    const queue = new RequestQueue((req) => superseded.push(req.seq));
    queue.push(request(1, 'summary', 'summary'));
    queue.push(request(2, 'countries', 'countries'));
    queue.push(request(3, 'summary')); // an export's: no lane, always answered
    queue.push(request(4, 'ips', 'summary')); // another method, though the same lane name
    queue.push(request(5, 'summary', 'summary'));
    expect(superseded).toEqual([1]);
    queue.push(request(6, 'summary', 'summary'));
    queue.push(request(7, 'countries', 'countries'));
    expect(superseded).toEqual([1, 5, 2]);
    expect(drain(queue)).toEqual([3, 4, 6, 7]);
  });

  it('cannot take back a question already started', () => {
    const superseded: number[] = [];
    const queue = new RequestQueue((req) => superseded.push(req.seq));
    queue.push(request(1, 'summary', 'summary'));
    expect(queue.next()?.seq).toBe(1);
    queue.push(request(2, 'summary', 'summary'));
    expect(superseded).toEqual([]);
    expect(drain(queue)).toEqual([2]);
  });

  it('reads the lane of the first argument only, when it is a selection naming one', () => {
    expect(laneOf(request(1, 'summary', 'summary'))).toBe('summary|summary');
    expect(laneOf(request(1, 'summary'))).toBeNull();
    expect(laneOf(request(1, 'caseInfo'))).toBeNull();
    expect(laneOf({ seq: 1, method: 'openCase', args: [null] })).toBeNull();
    expect(laneOf({ seq: 1, method: 'ingest', args: [['/var/log/mail.log'], {}] } as EngineRequest)).toBeNull();
  });
});
