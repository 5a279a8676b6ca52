/** Small statistics over run timings (no dependencies). */

export interface Summary {
	n: number;
	median: number;
	min: number;
	max: number;
}

export function median(values: readonly number[]): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summarize(values: readonly number[]): Summary {
	const finite = values.filter((value) => Number.isFinite(value));
	return {
		n: finite.length,
		median: median(finite),
		min: finite.length ? Math.min(...finite) : NaN,
		max: finite.length ? Math.max(...finite) : NaN,
	};
}

/** ours / baseline, rounded to 3 decimals (NaN when either side is missing). */
export function ratio(ours: number, baseline: number): number {
	if (!Number.isFinite(ours) || !Number.isFinite(baseline) || baseline <= 0) return NaN;
	return Math.round((ours / baseline) * 1000) / 1000;
}

export const seconds = (ms: number): string =>
	Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : 'n/a';

export const round = (value: number, digits = 0): number => {
	const f = 10 ** digits;
	return Number.isFinite(value) ? Math.round(value * f) / f : value;
};
