import { Sandbox, type SandboxOptions } from './server';

export { Sandbox, DATA_PATH } from './server';
export type { Counters, SandboxOptions, SandboxSettings } from './server';
export type { DeleteReading } from './handlers/common';
export { STRICT_SPECS, type StrictSpec } from './strict';
export type { FaultSpec, FaultKind } from './faults';
export type { WebhookDelivery } from './webhooks';
export type { SimulatedChange } from './simulate';
export type { IssuedToken, OAuthClient } from './oauth';
export { ALL_SCOPES } from './oauth';
export { Store } from './store';
export * from './types';
export { generateSeedData, mulberry32 } from './seed';

/** Starts a Wise Agent sandbox on 127.0.0.1 (a free port unless `port` is given). */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	return new Sandbox(options).listen();
}
