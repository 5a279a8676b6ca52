import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resources } from './actions/resources';
import { router } from './actions/router';
import { resourceProperties } from './actions/types';
import { listSearch, loadOptions } from './methods';

export class WiseAgent implements INodeType {
	// Built from the resources registry (actions/resources.ts): one Resource option each, then
	// every resource's operations and fields.
	description: INodeTypeDescription = {
		displayName: 'Wise Agent',
		name: 'wiseAgent',
		icon: { light: 'file:wiseAgent.svg', dark: 'file:wiseAgent.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Work with contacts, notes, tasks, calls, properties and more in the Wise Agent real-estate CRM',
		defaults: { name: 'Wise Agent' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'wiseAgentOAuth2Api', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: Object.values(resources).map((resource) => resource.option),
				default: 'contact',
			},
			...Object.values(resources).flatMap(resourceProperties),
		],
	};

	methods = { loadOptions, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
