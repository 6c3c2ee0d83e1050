import { AggregateVersions } from './aggregate-versions';

describe('AggregateVersions', () => {
  it('pushes each aggregate only forward: an older or repeated version after a newer one is refused', () => {
    const versions = new AggregateVersions();
    expect(versions.admit({ aggregateId: 'order-1', aggregateVersion: 2 })).toBe(true);
    expect(versions.admit({ aggregateId: 'order-1', aggregateVersion: 4 })).toBe(true);
    expect(versions.admit({ aggregateId: 'order-1', aggregateVersion: 3 })).toBe(false);
    expect(versions.admit({ aggregateId: 'order-1', aggregateVersion: 4 })).toBe(false);
    expect(versions.admit({ aggregateId: 'order-1', aggregateVersion: 5 })).toBe(true);
  });

  it('keeps aggregates apart and lets unversioned events through', () => {
    const versions = new AggregateVersions();
    expect(versions.admit({ aggregateId: 'order-1', aggregateVersion: 7 })).toBe(true);
    expect(versions.admit({ aggregateId: 'order-2', aggregateVersion: 1 })).toBe(true);
    expect(versions.admit({ aggregateId: 'order-1', aggregateVersion: 0 })).toBe(true);
    expect(versions.admit({ aggregateId: 'order-1', aggregateVersion: 0 })).toBe(true);
  });
});
