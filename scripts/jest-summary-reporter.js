'use strict';
const { writeFileSync, writeSync } = require('node:fs');

/** `tests: N passed, N failed[, N skipped]` with its newline. */
function summaryLine({ passed, failed, skipped }) {
  return `tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`;
}

/**
 * Ends a jest run with one plain line, `tests: N passed, N failed`, that any CI log reader
 * understands. Written when the process exits, so it comes after jest's own summary. With
 * JEST_SUMMARY_FILE set (`npm test` runs two jest runs side by side), the counts go to that file as
 * JSON instead, and `npm test` writes the one line for both runs.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const counts = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
    };
    const file = process.env.JEST_SUMMARY_FILE;
    if (file) writeFileSync(file, JSON.stringify(counts));
    else process.once('exit', () => writeSync(2, summaryLine(counts)));
  }
}
module.exports = SummaryReporter;
module.exports.summaryLine = summaryLine;
