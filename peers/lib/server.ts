import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What every peer fake shares: it listens on 127.0.0.1 only, answers JSON, and stops with its
 * connections closed. Each fake's own routes, paging and error shapes stay in its own file.
 */

export { mulberry32 } from '../../sandbox/seed';

/** Starts `server` on 127.0.0.1 (port 0: any free one); resolves with its URL and a stop. */
export async function listenLocal(
	server: Server,
	port: number | undefined,
	host: string,
): Promise<{ url: string; port: number; stop: () => Promise<void> }> {
	if (host !== '127.0.0.1') throw new Error('a peer fake listens on 127.0.0.1 only');
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port ?? 0, host, () => resolve());
	});
	const bound = (server.address() as AddressInfo).port;
	return {
		url: `http://${host}:${bound}`,
		port: bound,
		stop: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** Writes `body` as JSON with its length (no body at all when it is undefined). */
export function sendJson(
	response: ServerResponse,
	status: number,
	body: unknown,
	contentType = 'application/json; charset=utf-8',
): void {
	if (body === undefined) {
		response.writeHead(status);
		response.end();
		return;
	}
	const text = JSON.stringify(body);
	response.writeHead(status, {
		'content-type': contentType,
		'content-length': Buffer.byteLength(text),
	});
	response.end(text);
}
