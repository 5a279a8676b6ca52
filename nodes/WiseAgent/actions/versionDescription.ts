import type { INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resources } from './resources';
import { resourceProperties } from './types';

export const versionDescription: INodeTypeDescription = {
	displayName: 'Wise Agent',
	name: 'wiseAgent',
	icon: 'file:wiseAgent.svg',
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
