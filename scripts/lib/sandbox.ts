/**
 * Typed access to the project's Wise Agent sandbox (`sandbox/`, written separately).
 *
 * Contract (sandbox/index.ts):
 *   startSandbox({ port, seed, contacts, autoApprove, stateFile })
 *     -> { baseUrl, clientId, clientSecret, issueToken(scopes?) -> { accessToken, refreshToken, expiresAt }, stop() }
 * and, for a sandbox running elsewhere (`npm run sandbox -- --port <n>`), `GET /__sandbox/info`
 *     -> { baseUrl, clientId, clientSecret, accessToken, refreshToken, expiresAt, scopes }.
 *
 * The module is loaded with require() at run time (ts-node compiles it) so that these scripts
 * type-check even while sandbox/ is still being written.
 */
import { existsSync } from 'fs';
import * as path from 'path';

import { getJson } from './http';
import { ROOT_DIR } from './runtime';

export interface StartSandboxOptions {
	port: number;
	seed?: number;
	contacts?: number;
	autoApprove?: boolean;
	stateFile?: string;
	strict?: boolean;
}

export interface SandboxToken {
	accessToken: string;
	refreshToken: string;
	/** as the sandbox reports it: ISO date, epoch seconds or epoch milliseconds */
	expiresAt: string | number;
	scopes?: string[] | string;
}

export interface SandboxHandle {
	baseUrl: string;
	clientId: string;
	clientSecret: string;
	issueToken(scopes?: string[]): SandboxToken | Promise<SandboxToken>;
	stop(): void | Promise<void>;
}

interface SandboxModule {
	startSandbox(options: StartSandboxOptions): Promise<SandboxHandle>;
}

interface SandboxInfo {
	baseUrl: string;
	clientId: string;
	clientSecret: string;
	accessToken: string;
	refreshToken: string;
	expiresAt: string | number;
	scopes?: string[] | string;
}

export const SANDBOX_DIR = path.join(ROOT_DIR, 'sandbox');

/** Starts the sandbox inside this process (needs ts-node, as `npm start` / `npm run test:e2e` have). */
export async function startLocalSandbox(options: StartSandboxOptions): Promise<SandboxHandle> {
	if (!existsSync(path.join(SANDBOX_DIR, 'index.ts')) && !existsSync(path.join(SANDBOX_DIR, 'index.js'))) {
		throw new Error(
			`the Wise Agent sandbox is not there yet (${SANDBOX_DIR}/index.ts missing). ` +
				'Set WISEAGENT_SANDBOX_URL to use a sandbox running elsewhere.',
		);
	}
	// eslint-disable-next-line @typescript-eslint/no-var-requires
	const sandbox = require(SANDBOX_DIR) as Partial<SandboxModule>;
	if (typeof sandbox.startSandbox !== 'function') {
		throw new Error(`${SANDBOX_DIR} does not export startSandbox()`);
	}
	return await sandbox.startSandbox(options);
}

/**
 * Uses a sandbox that is already running (e.g. `npm run sandbox -- --port 4010`): reads its
 * client and a token from `GET <url>/__sandbox/info`. `stop()` does nothing (not ours).
 */
export async function attachToSandbox(url: string): Promise<SandboxHandle> {
	const infoUrl = `${url.replace(/\/+$/, '')}/__sandbox/info`;
	const info = await getJson<SandboxInfo>(infoUrl);
	for (const key of ['baseUrl', 'clientId', 'clientSecret', 'accessToken', 'refreshToken'] as const) {
		if (typeof info[key] !== 'string' || info[key] === '') {
			throw new Error(`${infoUrl} answered without "${key}"`);
		}
	}
	return {
		baseUrl: info.baseUrl,
		clientId: info.clientId,
		clientSecret: info.clientSecret,
		issueToken: () => ({
			accessToken: info.accessToken,
			refreshToken: info.refreshToken,
			expiresAt: info.expiresAt,
			scopes: info.scopes,
		}),
		stop: () => undefined,
	};
}

/** Milliseconds since the epoch for the sandbox's `expiresAt` (ISO string, epoch s or epoch ms). */
export function expiresAtMs(expiresAt: string | number): number {
	if (typeof expiresAt === 'number') return expiresAt < 1e12 ? expiresAt * 1000 : expiresAt;
	if (/^\d+$/.test(expiresAt)) return expiresAtMs(Number(expiresAt));
	const parsed = Date.parse(expiresAt);
	if (Number.isNaN(parsed)) throw new Error(`cannot read the token expiry "${expiresAt}"`);
	return parsed;
}
