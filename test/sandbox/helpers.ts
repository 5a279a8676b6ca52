import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../sandbox';

export const DATA_URL = '/http/webconnect.asp';

export interface ApiResponse {
	status: number;
	headers: Headers;
	text: string;
	json: any;
}

export async function readResponse(res: Response): Promise<ApiResponse> {
	const text = await res.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, text, json };
}

/**
 * Calls the data API like the docs say: GET params in the query string, others form-urlencoded.
 */
export async function api(
	sandbox: Sandbox,
	token: string | null,
	method: 'GET' | 'POST' | 'PUT' | 'DELETE',
	requestType: string,
	params: Record<string, string | number | boolean> = {},
): Promise<ApiResponse> {
	const headers: Record<string, string> = { Accept: 'application/json' };
	if (token) headers.Authorization = `Bearer ${token}`;
	const fields = new URLSearchParams(
		Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]),
	);
	let url = `${sandbox.baseUrl}${DATA_URL}?requestType=${encodeURIComponent(requestType)}`;
	let body: string | undefined;
	if (method === 'GET') {
		if ([...fields].length) url += `&${fields}`;
	} else {
		headers['Content-Type'] = 'application/x-www-form-urlencoded';
		body = fields.toString();
	}
	return readResponse(await fetch(url, { method, headers, body }));
}

export async function withSandbox(
	options: SandboxOptions = {},
): Promise<{ sandbox: Sandbox; token: string }> {
	const sandbox = await startSandbox({ contacts: 40, seed: 7, ...options });
	return { sandbox, token: sandbox.issueToken().accessToken };
}

export interface Receiver {
	url: string;
	requests: Array<{ body: any; headers: http.IncomingHttpHeaders }>;
	close(): Promise<void>;
}

/** A local webhook receiver on 127.0.0.1; `respond` can delay or choose a status. */
export async function startReceiver(
	respond: (req: http.IncomingMessage, res: http.ServerResponse) => void = (_req, res) => {
		res.writeHead(200).end('ok');
	},
): Promise<Receiver> {
	const requests: Receiver['requests'] = [];
	const server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (c) => (raw += c));
		req.on('end', () => {
			requests.push({ body: raw ? JSON.parse(raw) : null, headers: req.headers });
			respond(req, res);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/hook`,
		requests,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** Parses a JSON-in-a-string field (Categories, CustomData, ...). */
export const inner = (value: unknown): any => JSON.parse(String(value));
