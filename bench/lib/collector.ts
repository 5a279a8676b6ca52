/**
 * A tiny HTTP endpoint on 127.0.0.1 that the burst workflows report to (last node: HTTP Request
 * POST {ids, executionId}), so emissions are timed when they happen instead of by polling n8n.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Emission {
	id: number;
	executionId: string;
	at: number;
}

export class Collector {
	private server?: http.Server;
	private emissions = new Map<string, Emission[]>();
	private lastAt = new Map<string, number>();
	port = 0;

	async start(): Promise<void> {
		this.server = http.createServer((req, res) => {
			const match = /^\/emit\/([A-Za-z0-9_-]+)$/.exec(req.url ?? '');
			if (req.method !== 'POST' || !match) {
				res.writeHead(404).end();
				return;
			}
			const chunks: Buffer[] = [];
			let size = 0;
			req.on('data', (chunk: Buffer) => {
				size += chunk.length;
				if (size <= 5 * 2 ** 20) chunks.push(chunk);
			});
			req.on('end', () => {
				const at = Date.now();
				try {
					const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
						ids?: unknown;
						executionId?: unknown;
					};
					const ids = Array.isArray(body.ids) ? body.ids : [body.ids];
					const list = this.emissions.get(match[1]) ?? [];
					for (const id of ids) {
						if (id === null || id === undefined || id === '') continue;
						list.push({ id: Number(id), executionId: String(body.executionId ?? ''), at });
					}
					this.emissions.set(match[1], list);
					this.lastAt.set(match[1], at);
					res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
				} catch {
					res.writeHead(400).end();
				}
			});
		});
		this.server.keepAliveTimeout = 5_000;
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.port = (this.server.address() as AddressInfo).port;
	}

	url(tag: string): string {
		return `http://127.0.0.1:${this.port}/emit/${tag}`;
	}

	of(tag: string): Emission[] {
		return this.emissions.get(tag) ?? [];
	}

	lastArrival(tag: string): number | undefined {
		return this.lastAt.get(tag);
	}

	async stop(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
	}
}
