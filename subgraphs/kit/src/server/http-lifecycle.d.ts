import type { Server } from 'node:http';
/** Starts listening; resolves with the bound port (PORT=0 picks a free one, as tests do). */
export declare function listen(server: Server, port: number, host: string): Promise<number>;
/** Stops taking requests, lets in-flight ones finish (up to `graceMs`), then closes what is left. */
export declare function closeGracefully(server: Server, graceMs: number): Promise<void>;
/** Runs a service until SIGINT/SIGTERM, then stops it once; a second signal exits at once. */
export declare function stopOnSignals(stop: () => Promise<void>, log: (message: string) => void): void;
