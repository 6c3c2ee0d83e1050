'use strict';
/** Bench settings; the defaults keep a whole run to about three minutes on two cores. */

function int(name, fallback, min, max) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be an integer in ${min}..${max}, not ${raw}`);
  return value;
}

function benchConfig(argv = process.argv.slice(2)) {
  return {
    products: int('BENCH_PRODUCTS', 100, 40, 1000),
    rounds: int('BENCH_ROUNDS', 8, 1, 20),
    durationSeconds: int('BENCH_DURATION', 4, 2, 60),
    warmupSeconds: int('BENCH_WARMUP', 3, 1, 60),
    connections: int('BENCH_CONNECTIONS', 16, 1, 256),
    p4: {
      rounds: int('BENCH_P4_ROUNDS', 5, 1, 20),
      durationSeconds: int('BENCH_P4_DURATION', 5, 2, 60),
      shoppers: int('BENCH_SHOPPERS', 8, 1, 256),
      pgbenchClients: int('BENCH_PGBENCH_CLIENTS', 4, 1, 64),
      pgbenchThreads: int('BENCH_PGBENCH_THREADS', 2, 1, 64),
    },
    p5: {
      subscribers: int('BENCH_SUBSCRIBERS', 200, 2, 2000),
      orders: int('BENCH_P5_ORDERS', 12, 2, 200),
    },
    only: argv.filter((arg) => /^(P\d(-hot|-cart)?|IMPORT)$/i.test(arg)).map((arg) => arg.toUpperCase()),
    strict: argv.includes('--strict'),
  };
}

module.exports = { benchConfig };
