/**
 * Redis and PostgreSQL for n8n's queue mode ("scale-out": a main process + workers), from Debian's
 * packages (`apt-get install -y redis-server postgresql`), as throw-away local servers: on
 * 127.0.0.1 only, own ports, data in a folder of the caller's choice, stopped cleanly.
 *
 * PostgreSQL refuses to run as root: as root its commands run as the `postgres` user (`runuser`),
 * and the data folder is given to that user. No unix socket: everything goes over TCP with
 * passwords (scram-sha-256).
 */
import { execFileSync } from 'child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, writeFileSync, rmSync } from 'fs';
import * as path from 'path';

import { run, startService, type Service } from './proc';

export interface InfraOptions {
	port: number;
	/** data folder (created; wiped first) */
	dir: string;
	/** every output line goes here too */
	logFile?: string;
	timeoutMs?: number;
}

/** Starts a service and waits for a line matching `ready` (rejects if it exits first or times out). */
async function startAndWait(
	name: string,
	command: string,
	args: string[],
	ready: RegExp,
	options: { logFile?: string; timeoutMs?: number; cwd?: string },
): Promise<Service> {
	let markReady: () => void = () => undefined;
	const isReady = new Promise<void>((resolve) => (markReady = resolve));
	const service = startService(name, command, args, {
		cwd: options.cwd,
		logFile: options.logFile,
		echo: false,
		onLine: (line) => {
			if (ready.test(line)) markReady();
		},
	});
	const timeoutMs = options.timeoutMs ?? 30_000;
	let timer: NodeJS.Timeout | undefined;
	try {
		await Promise.race([
			isReady,
			service.exited.then((code) => {
				throw new Error(
					`${name} exited (${code}) before it was ready:\n${service.recentOutput(20)}`,
				);
			}),
			new Promise<never>((_, reject) => {
				timer = setTimeout(
					() =>
						reject(
							new Error(
								`${name} not ready after ${timeoutMs / 1000} s:\n${service.recentOutput(20)}`,
							),
						),
					timeoutMs,
				);
			}),
		]);
	} catch (error) {
		await service.stop(5_000);
		throw error;
	} finally {
		if (timer) clearTimeout(timer);
	}
	return service;
}

// ---------------------------------------------------------------------------------------------
// Redis

/** `redis-server` on 127.0.0.1:<port>, no persistence (n8n's Bull queue only needs it while it runs). */
export async function startRedis(options: InfraOptions): Promise<Service> {
	const binary = findBinary('redis-server', ['/usr/bin/redis-server']);
	rmSync(options.dir, { recursive: true, force: true });
	mkdirSync(options.dir, { recursive: true });
	return await startAndWait(
		'redis',
		binary,
		[
			'--port',
			String(options.port),
			'--bind',
			'127.0.0.1',
			'--protected-mode',
			'yes',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			options.dir,
		],
		/Ready to accept connections/,
		{ logFile: options.logFile, timeoutMs: options.timeoutMs, cwd: options.dir },
	);
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

export interface PostgresOptions extends InfraOptions {
	/** database and its owner role, created for the caller */
	database: string;
	user: string;
	password: string;
}

export interface Postgres {
	service: Service;
	binDir: string;
	/** `pg_ctl stop -m fast` (then the process group, if anything is left); safe to call twice */
	stop(): Promise<void>;
}

/** The newest `/usr/lib/postgresql/<version>/bin` (Debian), else the folder of `pg_ctl` in PATH. */
export function postgresBinDir(): string {
	const debian = '/usr/lib/postgresql';
	if (existsSync(debian)) {
		const versions = readdirSync(debian)
			.filter((version) => existsSync(path.join(debian, version, 'bin', 'postgres')))
			.sort((a, b) => Number(b) - Number(a));
		if (versions.length > 0) return path.join(debian, versions[0], 'bin');
	}
	return path.dirname(findBinary('pg_ctl', []));
}

function findBinary(name: string, candidates: string[]): string {
	for (const candidate of candidates) if (existsSync(candidate)) return candidate;
	try {
		const found = execFileSync('bash', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
		if (found) return found;
	} catch {
		// not in PATH
	}
	throw new Error(
		`${name} not found: install Debian's packages (apt-get install -y redis-server postgresql)`,
	);
}

/** As root: [runuser -u postgres --] (PostgreSQL refuses to run as root). */
function asPostgresUser(command: string, args: string[]): [string, string[]] {
	if (process.getuid?.() !== 0) return [command, args];
	return ['runuser', ['-u', 'postgres', '--', command, ...args]];
}

/**
 * A fresh cluster (`initdb`) in `dir`, `postgres` on 127.0.0.1:<port>, and a database owned by a
 * role of its own. The superuser `postgres` gets a random password (TCP only, no unix socket).
 */
export async function startPostgres(options: PostgresOptions): Promise<Postgres> {
	const binDir = postgresBinDir();
	const bin = (name: string) => path.join(binDir, name);
	const dataDir = path.join(options.dir, 'data');
	rmSync(options.dir, { recursive: true, force: true });
	mkdirSync(options.dir, { recursive: true, mode: 0o700 });
	const superPassword = `pg-${Math.random().toString(36).slice(2)}${Date.now()}`;
	const passwordFile = path.join(options.dir, 'superuser-password');
	writeFileSync(passwordFile, `${superPassword}\n`, { mode: 0o600 });
	if (process.getuid?.() === 0) {
		const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
		const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
		chownSync(options.dir, uid, gid);
		chownSync(passwordFile, uid, gid);
	}

	const [initCommand, initArgs] = asPostgresUser(bin('initdb'), [
		'--pgdata',
		dataDir,
		'--username',
		'postgres',
		`--pwfile=${passwordFile}`,
		'--auth-local=scram-sha-256',
		'--auth-host=scram-sha-256',
		'--encoding=UTF8',
		'--locale=C',
		'--no-sync',
	]);
	await run(initCommand, initArgs, { stdio: 'pipe', cwd: options.dir });
	rmSync(passwordFile, { force: true });

	const [command, args] = asPostgresUser(bin('postgres'), [
		'-D',
		dataDir,
		'-p',
		String(options.port),
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		'unix_socket_directories=',
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
	]);
	const service = await startAndWait(
		'postgres',
		command,
		args,
		/database system is ready to accept connections/,
		{ logFile: options.logFile, timeoutMs: options.timeoutMs, cwd: options.dir },
	);

	let stopped = false;
	const stop = async () => {
		if (stopped) return;
		stopped = true;
		if (service.hasExited) return;
		const [stopCommand, stopArgs] = asPostgresUser(bin('pg_ctl'), [
			'stop',
			'-D',
			dataDir,
			'-m',
			'fast',
			'-w',
			'-t',
			'20',
		]);
		await run(stopCommand, stopArgs, { stdio: 'pipe', cwd: options.dir }).catch(() => undefined);
		await service.stop(5_000);
	};

	try {
		// the role and database for the caller (identifiers: letters, digits, _ only)
		for (const name of [options.user, options.database]) {
			if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid PostgreSQL name "${name}"`);
		}
		const psql = (sql: string) =>
			run(
				bin('psql'),
				[
					'-h',
					'127.0.0.1',
					'-p',
					String(options.port),
					'-U',
					'postgres',
					'-d',
					'postgres',
					'-v',
					'ON_ERROR_STOP=1',
					'-c',
					sql,
				],
				{
					stdio: 'pipe',
					env: { ...process.env, PGPASSWORD: superPassword, PGCONNECT_TIMEOUT: '10' },
				},
			);
		await psql(
			`CREATE ROLE ${options.user} LOGIN PASSWORD '${options.password.replace(/'/g, "''")}'`,
		);
		await psql(`CREATE DATABASE ${options.database} OWNER ${options.user}`);
	} catch (error) {
		await stop();
		throw error;
	}
	return { service, binDir, stop };
}
