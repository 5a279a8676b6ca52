/**
 * npm run sandbox -- --port <n> [--contacts <k>] [--seed <s>] [--latency-ms <ms>] [--auto-approve]
 *                    [--state-file <f>] [--token-lifetime <s>] [--strict] [--delete-reading <asPrinted|resource>]
 *                    [--clock-offset-ms <ms, may be negative>]
 */
import { startSandbox } from './index';
import { type DeleteReading, DELETE_READINGS } from './handlers/common';
import type { SandboxOptions } from './server';

const USAGE =
	'Usage: npm run sandbox -- --port <n> [--contacts <k>] [--seed <s>] [--latency-ms <ms>] [--auto-approve] [--state-file <f>] [--token-lifetime <s>] [--strict] [--delete-reading <asPrinted|resource>] [--clock-offset-ms <ms>]';

export function parseArgs(argv: string[]): SandboxOptions {
	const options: SandboxOptions = {};
	const number = (flag: string, value: string | undefined): number => {
		const n = Number(value);
		if (value === undefined || !Number.isInteger(n) || n < 0)
			throw new Error(`${flag} needs a non-negative integer`);
		return n;
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [flag, inline] = arg.includes('=')
			? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
			: [arg, undefined];
		const value = () => inline ?? argv[++i];
		switch (flag) {
			case '--port':
				options.port = number(flag, value());
				break;
			case '--contacts':
				options.contacts = number(flag, value());
				break;
			case '--seed':
				options.seed = number(flag, value());
				break;
			case '--latency-ms':
				options.latencyMs = number(flag, value());
				break;
			case '--token-lifetime':
				options.tokenLifetimeSeconds = number(flag, value());
				break;
			case '--state-file': {
				const file = value();
				if (!file) throw new Error('--state-file needs a path');
				options.stateFile = file;
				break;
			}
			case '--auto-approve':
				options.autoApprove = true;
				break;
			case '--strict':
				options.strict = true;
				break;
			case '--delete-reading': {
				const reading = value();
				if (!DELETE_READINGS.includes(reading as DeleteReading)) {
					throw new Error(`--delete-reading needs one of ${DELETE_READINGS.join(', ')}`);
				}
				options.deleteReading = reading as DeleteReading;
				break;
			}
			case '--clock-offset-ms': {
				const raw = value();
				const n = Number(raw);
				if (raw === undefined || raw.trim() === '' || !Number.isInteger(n))
					throw new Error(`${flag} needs an integer (milliseconds, may be negative)`);
				options.clockOffsetMs = n;
				break;
			}
			case '--help':
			case '-h':
				console.log(USAGE);
				process.exit(0);
				break;
			default:
				throw new Error(`Unknown option ${arg}`);
		}
	}
	return options;
}

async function main(): Promise<void> {
	let options: SandboxOptions;
	try {
		options = parseArgs(process.argv.slice(2));
	} catch (error) {
		console.error(`${(error as Error).message}\n${USAGE}`);
		process.exit(2);
	}
	const sandbox = await startSandbox(options);
	console.log(`Wise Agent sandbox listening on ${sandbox.baseUrl}`);
	let stopping = false;
	const shutdown = () => {
		if (stopping) return;
		stopping = true;
		sandbox.stop().then(
			() => process.exit(0),
			(error) => {
				console.error(error);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', shutdown);
	process.on('SIGTERM', shutdown);
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
