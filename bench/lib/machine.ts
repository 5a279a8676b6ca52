/** What the benchmark ran on: CPU, RAM, OS, Node (this process and n8n's runtime), n8n. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface MachineInfo {
	/** short name used in the results file name (BENCH_MACHINE or the host name) */
	name: string;
	hostname: string;
	cpuCount: number;
	cpuModel: string;
	ramGb: number;
	os: string;
	benchNode: string;
	n8nNode?: string;
	n8nVersion?: string;
	loadAverage1m: number;
}

export function machineInfo(runtime?: { node: string; n8nDir: string }): MachineInfo {
	const cpus = os.cpus();
	let n8nNode: string | undefined;
	let n8nVersion: string | undefined;
	if (runtime) {
		try {
			n8nNode = execFileSync(runtime.node, ['--version'], { encoding: 'utf8' }).trim();
		} catch {
			n8nNode = undefined;
		}
		const pkg = path.join(runtime.n8nDir, 'package.json');
		if (existsSync(pkg))
			n8nVersion = (JSON.parse(readFileSync(pkg, 'utf8')) as { version?: string }).version;
	}
	const name = (process.env.BENCH_MACHINE || os.hostname() || 'machine')
		.toLowerCase()
		.replace(/[^a-z0-9.-]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 40);
	return {
		name: name || 'machine',
		hostname: os.hostname(),
		cpuCount: cpus.length,
		cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
		ramGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
		os: `${os.type()} ${os.release()} ${os.arch()}`,
		benchNode: process.version,
		n8nNode,
		n8nVersion,
		loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100,
	};
}

export function describeMachine(m: MachineInfo): string {
	return `${m.cpuCount} × ${m.cpuModel}, ${m.ramGb} GB RAM, ${m.os}; n8n ${m.n8nVersion ?? '?'} on Node ${m.n8nNode ?? '?'} (bench on Node ${m.benchNode})`;
}
