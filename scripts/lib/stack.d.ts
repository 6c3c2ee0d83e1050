import type { ChildProcess } from 'node:child_process';
import type { ServiceOutput } from './service-output';

export interface StackService {
  name: string;
  port: number;
  url: string;
  metricsUrl?: string;
  child: ChildProcess;
}

export interface Stack {
  namespace: string;
  gatewayUrl: string;
  wsUrl: string;
  services: Record<
    | 'accounts'
    | 'stores'
    | 'catalog'
    | 'inventory'
    | 'cart'
    | 'orders'
    | 'payments'
    | 'customers'
    | 'notifications'
    | 'shipping'
    | 'analytics'
    | 'apps'
    | 'reviews'
    | 'gateway',
    StackService
  >;
  databaseNames: string[];
  natsUrl?: string;
  kill(name: string): Promise<void>;
  restart(name: string): Promise<void>;
  stop(): Promise<void>;
}

export function startStack(options?: {
  namespace?: string;
  fixedPorts?: boolean;
  env?: Record<string, string>;
  gatewayEnv?: Record<string, string>;
  output?: 'ignore' | 'inherit' | 'pretty' | 'json' | ServiceOutput;
  onReady?: (service: StackService, elapsedMs: number) => void;
}): Promise<Stack>;
export function stopStack(stack: Stack): Promise<void>;
export function dropDatabases(names: string[]): Promise<void>;
export function deleteStreams(namespace: string, natsUrl?: string): Promise<void>;
export function listeningPorts(pid: number): Promise<number[] | null>;
export function statementCount(metricsUrl: string): Promise<number>;
export function freePort(): Promise<number>;
export const SUBGRAPHS: readonly { name: string; port: number }[];
export const root: string;
