import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { parallelRequestsField } from '../descriptions/parallelRequests';
import type { OperationScopes } from '../descriptions/scopeNotice';
import { scopeNotice } from '../descriptions/scopeNotice';

/**
 * One operation of one resource: its entry in the Operation dropdown, its fields, and how it
 * runs. Most operations handle one input item at a time (`execute`); the router takes care of
 * pairedItem, continueOnFail, item numbers in errors and Parallel Requests (several items in
 * flight at once). Operations that combine many items into fewer API calls implement
 * `executeBatch` instead.
 */
export interface WiseAgentOperation {
	option: INodePropertyOptions & { action: string };
	description: INodeProperties[];
	/** The documented OAuth scopes the request needs, shown in the operation's notice. */
	scopes: OperationScopes;
	execute?: (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>;
	/**
	 * What an item acts on, for operations whose items must not overtake each other when they
	 * touch the same record: items sharing any key run one after another, in input order, while
	 * the others run in parallel. Read before any request, so it must not send one; an item whose
	 * keys cannot be read (its execute will fail on the same input) may return [] or throw.
	 */
	serialKey?: (this: IExecuteFunctions, itemIndex: number) => string[];
	/**
	 * Runs once after the items, with what each successful `execute` returned (input order):
	 * for a last step that costs fewer requests for all items at once than item by item
	 * (Create or Update reads its contacts back in one list). Returns each item's output, or an
	 * Error that fails that item. Not run when an item failed without Continue On Fail.
	 */
	completeItems?: (
		this: IExecuteFunctions,
		done: CompletedItem[],
		parallelRequests: number,
	) => Promise<Array<IDataObject | IDataObject[] | Error>>;
	executeBatch?: (
		this: IExecuteFunctions,
		items: INodeExecutionData[],
	) => Promise<INodeExecutionData[]>;
}

export interface CompletedItem {
	itemIndex: number;
	/** What execute returned for the item. */
	result: IDataObject;
}

export interface WiseAgentResource {
	option: INodePropertyOptions;
	/** Keyed by each operation's `option.value` (see defineResource). */
	operations: Record<string, WiseAgentOperation>;
	/** Operation selected when the user picks the resource. */
	defaultOperation: string;
}

/**
 * A resource from its operations: the map key of each operation is its own `option.value`, the
 * one name that saved workflows store (and that its file and export are named after).
 */
export function defineResource(spec: {
	option: INodePropertyOptions;
	defaultOperation: string;
	operations: WiseAgentOperation[];
}): WiseAgentResource {
	const operations: Record<string, WiseAgentOperation> = {};
	for (const operation of spec.operations) {
		const value = String(operation.option.value);
		if (operations[value]) {
			throw new Error(`Two ${String(spec.option.value)} operations have the value "${value}"`);
		}
		operations[value] = operation;
	}
	if (!operations[spec.defaultOperation]) {
		throw new Error(`Default operation "${spec.defaultOperation}" is not an operation`);
	}
	return { option: spec.option, defaultOperation: spec.defaultOperation, operations };
}

/**
 * The Operation dropdown and all operation fields of a resource, each shown for its operation
 * only, then Parallel Requests for the operations that run item by item (last, out of the way).
 */
export function resourceProperties(resource: WiseAgentResource): INodeProperties[] {
	const resourceName = String(resource.option.value);
	// Each resource's own first operation (a variable: the lint rule reads it as a default given).
	const defaultOperation = resource.defaultOperation;
	const operations = Object.values(resource.operations);
	const perItem = operations
		.filter((operation) => !operation.executeBatch)
		.map((operation) => String(operation.option.value));
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resourceName] } },
			options: operations
				.map((operation) => operation.option)
				.sort((a, b) => a.name.localeCompare(b.name)),
			default: defaultOperation,
		},
		...operations.flatMap((operation) =>
			updateDisplayOptions(
				{ show: { resource: [resourceName], operation: [String(operation.option.value)] } },
				[scopeNotice(operation.scopes), ...operation.description],
			),
		),
		...(perItem.length
			? [
					{
						...parallelRequestsField,
						displayOptions: { show: { resource: [resourceName], operation: perItem } },
					},
				]
			: []),
	];
}
