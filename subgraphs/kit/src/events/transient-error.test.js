"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const transient_error_1 = require("./transient-error");
const withCode = (code, message = 'failed') => Object.assign(new Error(message), { code });
describe('isTransientError', () => {
    it.each([
        ['connection refused', withCode('ECONNREFUSED')],
        ['connection reset', withCode('ECONNRESET')],
        ['connection class 08', withCode('08006')],
        ['serialization failure', withCode('40001')],
        ['deadlock', withCode('40P01')],
        ['admin shutdown', withCode('57P01')],
        ['cannot connect now', withCode('57P03')],
        ['too many connections', withCode('53300')],
        ['statement timeout', withCode('57014')],
        ['lock timeout', withCode('55P03')],
        ['NATS request timeout', withCode('TIMEOUT')],
        ['pool acquisition timeout', new Error('timeout exceeded when trying to connect')],
        ['connection terminated', new Error('Connection terminated unexpectedly')],
        ['a retryable handler error', new transient_error_1.RetryableEventError('provider busy')],
        ['a wrapped driver error', Object.assign(new Error('query failed'), { driverError: withCode('40P01') })],
        ['a cause', new Error('outer', { cause: withCode('ECONNREFUSED') })],
        ['a part of an aggregate', new AggregateError([new Error('no'), withCode('57P01')])],
    ])('treats %s as transient', (_what, error) => {
        expect((0, transient_error_1.isTransientError)(error)).toBe(true);
    });
    it.each([
        ['a unique violation', withCode('23505')],
        ['a check violation', withCode('23514')],
        ['a bare error', new Error('handler bug')],
        ['a type error', new TypeError("Cannot read properties of undefined (reading 'id')")],
        ['a string', 'ECONNREFUSED'],
        ['null', null],
    ])('treats %s as not transient', (_what, error) => {
        expect((0, transient_error_1.isTransientError)(error)).toBe(false);
    });
});
//# sourceMappingURL=transient-error.test.js.map