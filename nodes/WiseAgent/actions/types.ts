import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

/**
 * One operation of one resource: its entry in the Operation dropdown, its fields, and how it
 * runs. Most operations handle one input item at a time (`execute`); the router takes care of
 * pairedItem, continueOnFail and item numbers in errors. Operations that combine many items
 * into fewer API calls implement `executeBatch` instead.
 */
export interface WiseAgentOperation {
	option: INodePropertyOptions & { action: string };
	description: INodeProperties[];
	/** Documented OAuth scope(s) the request needs, shown in the README. */
	scopes?: string[];
	execute?: (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>;
	executeBatch?: (
		this: IExecuteFunctions,
		items: INodeExecutionData[],
	) => Promise<INodeExecutionData[]>;
}

export interface WiseAgentResource {
	option: INodePropertyOptions;
	operations: Record<string, WiseAgentOperation>;
	/** Operation selected when the user picks the resource. */
	defaultOperation: string;
}

/** Shows `properties` only for one resource's operation. */
export function forOperation(
	resource: string,
	operation: string,
	properties: INodeProperties[],
): INodeProperties[] {
	return updateDisplayOptions(
		{ show: { resource: [resource], operation: [operation] } },
		properties,
	);
}

/** The Operation dropdown and all operation fields of a resource. */
export function resourceProperties(resource: WiseAgentResource): INodeProperties[] {
	const resourceName = String(resource.option.value);
	const operations = Object.values(resource.operations);
	return [
		// The default is each resource's own first operation, which the rule cannot see.
		// eslint-disable-next-line n8n-nodes-base/node-param-default-missing
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resourceName] } },
			options: operations
				.map((operation) => operation.option)
				.sort((a, b) => a.name.localeCompare(b.name)),
			default: resource.defaultOperation,
		},
		...operations.flatMap((operation) => operation.description),
	];
}
