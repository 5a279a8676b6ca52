import type { INodeProperties } from 'n8n-workflow';

/**
 * "Parallel Requests": how many input items one run sends at the same time. Shown for every
 * operation that handles one item at a time (resourceProperties() adds it, after the operation's
 * own fields); the router reads it once, from the first item.
 */
export const PARALLEL_REQUESTS_DEFAULT = 5;
/** Wise Agent documents no rate limit: a modest cap keeps one run from hammering an account. */
export const PARALLEL_REQUESTS_MAX = 20;

export const parallelRequestsField: INodeProperties = {
	displayName: 'Parallel Requests',
	name: 'parallelRequests',
	type: 'number',
	// One number for the whole run, not a value per item.
	noDataExpression: true,
	default: PARALLEL_REQUESTS_DEFAULT,
	typeOptions: { minValue: 1, maxValue: PARALLEL_REQUESTS_MAX, numberPrecision: 0 },
	description: `How many input items are sent to Wise Agent at the same time (1 to ${PARALLEL_REQUESTS_MAX}). 1 sends them one after another. The output keeps the input order.`,
	hint: 'Wise Agent documents no rate limit. When it answers "too many requests" (429), all items of the run wait it out together.',
};
