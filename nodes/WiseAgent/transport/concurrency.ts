/** Runs `work` over `inputs` with at most `limit` calls in flight; results keep input order. */
export async function mapWithConcurrency<T, R>(
	inputs: readonly T[],
	limit: number,
	work: (input: T, index: number) => Promise<R>,
): Promise<R[]> {
	const results: R[] = new Array(inputs.length);
	let next = 0;
	const worker = async () => {
		while (next < inputs.length) {
			const index = next++;
			results[index] = await work(inputs[index], index);
		}
	};
	const workers = Math.max(1, Math.min(limit, inputs.length));
	await Promise.all(Array.from({ length: workers }, worker));
	return results;
}
