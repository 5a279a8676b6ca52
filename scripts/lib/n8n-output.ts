/**
 * What `npm start` echoes of n8n's output: everything, except two messages that look like failures
 * on an offline machine and are not, each replaced by one line that says so (the log file keeps
 * every line).
 */
import type { EchoFilter } from './proc';

/** n8n refreshes its MCP server registry from api.n8n.io; offline that is a ~20-line stack trace. */
const OFFLINE_REGISTRY =
	/getaddrinfo (ENOTFOUND|EAI_AGAIN) api\.n8n\.io|Error fetching from Strapi API \(https:\/\/api\.n8n\.io/;
/** the lines of that trace after its first one */
const TRACE_TAIL = /^\s+at |^\s*$|^A system task run failed$/;
const PYTHON_RUNNER = /^Failed to start Python task runner/;

/** A stateful per-line filter for n8n's output; `logFile` is named in the replacement lines. */
export function quietOfflineNoise(logFile: string): EchoFilter {
	let inTrace = false;
	let registryExplained = false;
	return (line) => {
		if (OFFLINE_REGISTRY.test(line)) {
			inTrace = true;
			if (registryExplained) return undefined;
			registryExplained = true;
			return `(offline: n8n could not reach api.n8n.io to refresh its MCP server list; harmless, the trace is in ${logFile})`;
		}
		if (inTrace) {
			if (TRACE_TAIL.test(line) || /^Error: getaddrinfo/.test(line)) return undefined;
			inTrace = false;
		}
		if (PYTHON_RUNNER.test(line)) {
			return `(no Python task runner: only the Code node's Python mode needs one, JavaScript works; details in ${logFile})`;
		}
		return line;
	};
}
