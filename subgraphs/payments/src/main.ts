import { readNodeEnv, runSubgraph } from '@ultramarket/kit';
import { loadPaymentsConfig } from './payments.config';
import { paymentsSubgraph } from './payments.subgraph';

if (readNodeEnv() === 'production' && loadPaymentsConfig().provider === 'simulated') {
  // not refused, so benchmarks can run in production mode; a real shop must never run like this
  console.warn('payments: PAYMENTS_PROVIDER=simulated in production: orders are "paid" without taking any money');
}
runSubgraph(paymentsSubgraph);
