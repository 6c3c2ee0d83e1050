import type { Stack } from './stack';

export type PooledStack = Stack & { pooled?: true };

export function acquireStack(options?: { name?: string; env?: Record<string, string>; gatewayEnv?: Record<string, string> }): Promise<PooledStack>;
export function releaseStack(stack: PooledStack | undefined): Promise<void>;
export function drainPool(): Promise<void>;
export const MAX_POOLED: number;
