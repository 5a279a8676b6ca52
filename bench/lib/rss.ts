/**
 * Resident memory of the n8n process during one run, from /proc (Linux only): VmRSS sampled every
 * 50 ms, plus VmHWM (the kernel's own peak) after resetting it with `clear_refs` = 5 where allowed.
 */
import { readFileSync, writeFileSync } from 'node:fs';

export interface RssReading {
	/** VmRSS just before the run (MB) */
	idleMb: number;
	/** highest VmRSS seen (sampled every intervalMs) or VmHWM, whichever is higher (MB) */
	peakMb: number;
	/** peak - idle (MB) */
	growthMb: number;
	sampledPeakMb: number;
	/** VmHWM after a reset at the start of the run; undefined when the reset was not allowed */
	hwmPeakMb?: number;
	samples: number;
	/** CPU time n8n's main process used during the run, ms (more than the run's duration = more than one core) */
	cpuMs?: number;
}

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
	try {
		const text = readFileSync(`/proc/${pid}/status`, 'utf8');
		const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(text);
		return match ? Number(match[1]) / 1024 : undefined;
	} catch {
		return undefined;
	}
}

/** CPU time (user + system) the process has used so far, ms (clock ticks of 10 ms on Linux). */
export function cpuMs(pid: number): number | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		// after "pid (comm) ": state is field 3, utime 14, stime 15 (1-based in proc(5))
		const ticks = Number(fields[11]) + Number(fields[12]);
		return Number.isFinite(ticks) ? ticks * 10 : undefined;
	} catch {
		return undefined;
	}
}

export function rssMb(pid: number): number | undefined {
	return statusField(pid, 'VmRSS');
}

export class RssSampler {
	private timer?: NodeJS.Timeout;
	private peak = 0;
	private count = 0;
	private idle = 0;
	private hwmReset = false;
	private cpuStart?: number;

	constructor(
		private readonly pid: number,
		private readonly intervalMs = 50,
	) {}

	start(): void {
		this.idle = rssMb(this.pid) ?? NaN;
		this.cpuStart = cpuMs(this.pid);
		this.peak = Number.isFinite(this.idle) ? this.idle : 0;
		try {
			// "5" resets the peak resident set size (VmHWM) to the current RSS (proc(5)).
			writeFileSync(`/proc/${this.pid}/clear_refs`, '5');
			this.hwmReset = true;
		} catch {
			this.hwmReset = false;
		}
		this.timer = setInterval(() => {
			const value = rssMb(this.pid);
			if (value !== undefined) {
				this.count++;
				if (value > this.peak) this.peak = value;
			}
		}, this.intervalMs);
		this.timer.unref();
	}

	stop(): RssReading {
		if (this.timer) clearInterval(this.timer);
		const last = rssMb(this.pid);
		if (last !== undefined && last > this.peak) this.peak = last;
		const hwm = this.hwmReset ? statusField(this.pid, 'VmHWM') : undefined;
		const cpuEnd = cpuMs(this.pid);
		const peakMb = Math.max(this.peak, hwm ?? 0);
		const r = (v: number) => Math.round(v * 10) / 10;
		return {
			idleMb: r(this.idle),
			peakMb: r(peakMb),
			growthMb: r(peakMb - this.idle),
			sampledPeakMb: r(this.peak),
			hwmPeakMb: hwm === undefined ? undefined : r(hwm),
			samples: this.count,
			cpuMs:
				this.cpuStart !== undefined && cpuEnd !== undefined ? cpuEnd - this.cpuStart : undefined,
		};
	}
}
