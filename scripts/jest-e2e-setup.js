'use strict';
module.exports = require('./jest-e2e-global').setup;
