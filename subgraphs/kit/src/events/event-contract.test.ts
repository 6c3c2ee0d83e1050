import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { contractUrl, EventContract, EventContractViolation, readEventContractMode } from './event-contract';

describe('the event contract check', () => {
  const orderId = '6f1d7b9e-8a1b-4c55-9f8e-2a1f0c3b4d5e';

  it('passes data that keeps the committed contract (schema/events/inventory.committed.json)', () => {
    expect(new EventContract('enforce').problems('inventory.committed', { orderId })).toEqual([]);
  });

  it('names every way data breaks its contract: a missing field, an undocumented one, a wrong type', () => {
    const contract = new EventContract('enforce');
    expect(contract.problems('inventory.committed', {})).toEqual(["data must have required property 'orderId'"]);
    expect(contract.problems('inventory.committed', { orderId, secret: 'x' })).toEqual(['data must NOT have additional properties (secret)']);
    expect(contract.problems('stores.staff-added', { storeId: orderId, userId: orderId, role: 'OWNER' })).toEqual([
      'data.role must be equal to one of the allowed values (CUSTOMER, MERCHANT, PLATFORM_ADMIN, STORE_STAFF)',
    ]);
  });

  it('refuses, in enforce, an event with no contract and data that breaks one', () => {
    const contract = new EventContract('enforce');
    expect(() => contract.check('orders.invented', {})).toThrow(/no contract: run npm run schema/);
    expect(() => contract.check('inventory.committed', { orderId: 7 })).toThrow(EventContractViolation);
  });

  it('checks the data as it is written to the outbox: a Date is an ISO string, undefined fields are gone', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'contract-'));
    const schema = {
      type: 'object',
      properties: { at: { type: 'string', format: 'date-time' }, note: { type: 'string' } },
      required: ['at'],
      additionalProperties: false,
    };
    writeFileSync(path.join(directory, 'orders.timed.json'), JSON.stringify(schema));
    const contract = new EventContract('enforce', directory);
    expect(() => contract.check('orders.timed', { at: new Date(), note: undefined })).not.toThrow();
    expect(contract.problems('orders.timed', { at: 'yesterday' })).toEqual(['data.at must match format "date-time"']);
  });

  it('only warns in warn mode, and does nothing when off', () => {
    const warnings: string[] = [];
    new EventContract('warn', undefined, (message) => warnings.push(message)).check('inventory.committed', {});
    expect(warnings).toEqual([expect.stringContaining("inventory.committed's data breaks its contract")]);
    expect(() => new EventContract('off').check('orders.invented', {})).not.toThrow();
  });

  it('is off in production and warns elsewhere unless EVENT_CONTRACT_CHECK says otherwise', () => {
    expect(readEventContractMode({ NODE_ENV: 'production' })).toBe('off');
    expect(readEventContractMode({ NODE_ENV: 'development' })).toBe('warn');
    expect(readEventContractMode({ NODE_ENV: 'production', EVENT_CONTRACT_CHECK: 'enforce' })).toBe('enforce');
    expect(() => readEventContractMode({ EVENT_CONTRACT_CHECK: 'strict' })).toThrow(/EVENT_CONTRACT_CHECK/);
  });
});

describe('contractUrl', () => {
  it('names the contract at its published version, the $id of schema/events/<subject>.json', () => {
    expect(contractUrl('orders.created')).toBe('https://ultramarket.dev/schema/events/orders.created/v1.json');
    const directory = mkdtempSync(path.join(tmpdir(), 'contract-'));
    writeFileSync(path.join(directory, 'versions.json'), JSON.stringify({ 'orders.created': 3 }));
    expect(contractUrl('orders.created', directory)).toBe('https://ultramarket.dev/schema/events/orders.created/v3.json');
  });
});
