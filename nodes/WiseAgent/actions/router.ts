import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asItemError, errorJson } from './itemErrors';
import { resources } from './resources';

/** Runs the selected operation over the input items. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resourceName = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resourceName]?.operations[operationName];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" is not known for the resource "${resourceName}"`,
		);
	}

	if (operation.executeBatch) return [await operation.executeBatch.call(this, items)];

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await operation.execute!.call(this, itemIndex);
			for (const json of Array.isArray(result) ? result : [result]) {
				output.push({ json, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			const itemError = asItemError(this, error, itemIndex);
			if (this.continueOnFail()) {
				output.push({ json: errorJson(itemError), pairedItem: { item: itemIndex } });
				continue;
			}
			throw itemError;
		}
	}
	return [output];
}
