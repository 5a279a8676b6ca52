import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the server does with one request (`delayMs`: answer that much later). */
export type Behaviour =
	'drop' | { status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number };

export interface FlakyServer {
	url: string;
	/** Requests received, in order: method, full path and arrival time (Date.now()). */
	requests: Array<{ method: string; url: string; at: number }>;
	close(): Promise<void>;
}

/**
 * A real local HTTP server that plays a script: each request takes the next behaviour, and
 * 'drop' destroys the socket without answering (a true ECONNRESET, which nock cannot fake
 * through n8n's HTTP stack).
 */
export async function startFlakyServer(script: Behaviour[]): Promise<FlakyServer> {
	const requests: FlakyServer['requests'] = [];
	const server = http.createServer((req, res) => {
		requests.push({ method: req.method ?? '', url: req.url ?? '', at: Date.now() });
		req.resume();
		const behaviour = script.shift() ?? { status: 500, body: { error: 'script exhausted' } };
		if (behaviour === 'drop') {
			req.socket.destroy();
			return;
		}
		const body =
			typeof behaviour.body === 'string' ? behaviour.body : JSON.stringify(behaviour.body ?? {});
		const answer = () => {
			res.writeHead(behaviour.status, { 'Content-Type': 'application/json', ...behaviour.headers });
			res.end(body);
		};
		if (behaviour.delayMs) setTimeout(answer, behaviour.delayMs);
		else answer();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
