'use strict';
const { writeSync } = require('node:fs');

/**
 * Ends a jest run with one plain line, `tests: N passed, N failed`, that any CI log reader
 * understands. Written when the process exits, so it comes after jest's own summary.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `tests: ${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`;
    process.once('exit', () => writeSync(2, line));
  }
}
module.exports = SummaryReporter;
