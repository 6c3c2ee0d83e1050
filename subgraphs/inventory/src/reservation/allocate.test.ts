import { allocate, type Candidate } from './allocate';

const at = (locationId: string, available: number, priority: number, created = '2026-01-01T00:00:00Z'): Candidate => ({
  locationId,
  available,
  priority,
  locationCreatedAt: new Date(created),
});

describe('allocate: which locations fill an order line', () => {
  it('takes the whole line from the lowest-priority location that can fill it', () => {
    expect(allocate(3, [at('b', 10, 5), at('a', 2, 0), at('c', 3, 1)])).toEqual([{ locationId: 'c', quantity: 3 }]);
  });

  it('prefers the older location among equal priorities', () => {
    expect(allocate(1, [at('new', 5, 0, '2026-02-01T00:00:00Z'), at('old', 5, 0, '2026-01-01T00:00:00Z')])).toEqual([{ locationId: 'old', quantity: 1 }]);
  });

  it('splits across locations in priority order when none can fill the line alone', () => {
    expect(allocate(9, [at('b', 4, 1), at('a', 6, 0), at('z', 0, 0)])).toEqual([
      { locationId: 'a', quantity: 6 },
      { locationId: 'b', quantity: 3 },
    ]);
  });

  it('finds nothing when all locations together are short', () => {
    expect(allocate(11, [at('a', 6, 0), at('b', 4, 1)])).toBeNull();
    expect(allocate(1, [])).toBeNull();
  });
});
