import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';

import { WiseAgent } from '../../nodes/WiseAgent/WiseAgent.node';
import { TestCredentialsHelper } from './credentials';

export const SERVER_URL = 'https://sync.thewiseagent.com';
export const DATA_PATH = '/http/webconnect.asp';
export const ACCESS_TOKEN = 'test-access-token-0123456789';
export const REFRESH_TOKEN = 'test-refresh-token-9876543210';
export const CLIENT_SECRET = 'test-client-secret-abcdef';

export function credentialData(
	overrides: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	return {
		serverUrl: SERVER_URL,
		grantType: 'authorizationCode',
		clientId: 'test-client-id',
		clientSecret: CLIENT_SECRET,
		scope: 'profile team marketing contacts properties calendar',
		oauthTokenData: {
			access_token: ACCESS_TOKEN,
			refresh_token: REFRESH_TOKEN,
			expires_at: '2030-01-01T00:00:00.000Z',
		},
		...overrides,
	};
}

export class TestNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType>) {}

	getByName(name: string): INodeType | IVersionedNodeType {
		return this.getByNameAndVersion(name);
	}

	getByNameAndVersion(name: string): INodeType {
		const type = this.types[name];
		if (!type) throw new Error(`Unknown node type ${name}`);
		return type;
	}

	getKnownTypes() {
		return {};
	}
}

export interface RunOptions {
	/** Node parameters, e.g. `{ resource: 'contact', operation: 'get', contactId: {...} }`. */
	parameters: Record<string, unknown>;
	/** Input items; one empty item by default. */
	items?: IDataObject[];
	continueOnFail?: boolean;
	credentials?: ICredentialDataDecryptedObject;
	mode?: WorkflowExecuteMode;
	timezone?: string;
	/**
	 * For runs that execute at the same time in one process: its own credential, workflow and
	 * execution ids. n8n-core coalesces OAuth2 refreshes per credential id for the whole process,
	 * so concurrent runs sharing one id would join each other's refreshes and use another's token.
	 */
	runId?: string;
}

export interface RunResult {
	/** Output items of the Wise Agent node (with pairedItem). */
	items: INodeExecutionData[];
	/** The workflow error, when the node failed. */
	error?: Error & { description?: string; context?: IDataObject; httpCode?: string | null };
	credentialsHelper: TestCredentialsHelper;
	run: IRun;
}

const NODE_NAME = 'Wise Agent';

/** n8n's additional data, with what n8n-core reads set to real values. */
export function testAdditionalData(
	credentialsHelper: TestCredentialsHelper,
): IWorkflowExecuteAdditionalData {
	// Only what n8n-core reads while running a node; everything else stays unset, as in an n8n
	// instance without those features (no external secrets, no SSRF bridge, no eval mocks).
	return {
		credentialsHelper: credentialsHelper as never,
		executionId: 'test-execution',
		currentNodeParameters: undefined,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		variables: {},
		userId: 'test-user',
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used by these nodes');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => undefined,
		startRunnerTask: async () => {
			throw new Error('task runners are not used by these nodes');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/**
 * Runs a loadOptions or listSearch method of the node in n8n-core's LoadOptionsContext, the
 * context n8n uses when the editor fills a dropdown.
 */
export async function runNodeMethod<T>(
	kind: 'loadOptions' | 'listSearch',
	method: string,
	args: unknown[] = [],
	credentials: ICredentialDataDecryptedObject = credentialData(),
): Promise<T> {
	const nodeType = new WiseAgent();
	const node: INode = {
		id: 'b7d3ad4e-0d5e-4c57-9d3e-000000000002',
		name: NODE_NAME,
		type: 'n8n-nodes-wiseagent.wiseAgent',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { wiseAgentOAuth2Api: { id: 'cred-1', name: 'Wise Agent account' } },
	};
	const workflow = new Workflow({
		id: 'test-workflow',
		nodes: [node],
		connections: {},
		nodeTypes: new TestNodeTypes({ 'n8n-nodes-wiseagent.wiseAgent': nodeType }),
		active: false,
	});
	const context = new LoadOptionsContext(
		workflow,
		node,
		testAdditionalData(new TestCredentialsHelper(credentials)),
		'',
	);
	const methods = nodeType.methods[kind] as unknown as Record<
		string,
		(...a: unknown[]) => Promise<T>
	>;
	return await methods[method].call(context, ...args);
}

/**
 * Runs the Wise Agent node inside n8n-core's real workflow executor, with a credentials helper
 * that routes through n8n's OAuth2 request path. Only HTTP is mocked (nock), by the caller.
 */
export async function runWiseAgentNode(options: RunOptions): Promise<RunResult> {
	const node: INode = {
		id: 'b7d3ad4e-0d5e-4c57-9d3e-000000000001',
		name: NODE_NAME,
		type: 'n8n-nodes-wiseagent.wiseAgent',
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters as INodeParameters,
		credentials: {
			wiseAgentOAuth2Api: {
				id: options.runId ? `cred-${options.runId}` : 'cred-1',
				name: 'Wise Agent account',
			},
		},
		continueOnFail: options.continueOnFail,
		onError: options.continueOnFail ? 'continueRegularOutput' : undefined,
	};
	const nodeTypes = new TestNodeTypes({ 'n8n-nodes-wiseagent.wiseAgent': new WiseAgent() });
	const workflow = new Workflow({
		id: options.runId ? `workflow-${options.runId}` : 'test-workflow',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: false,
		settings: { timezone: options.timezone ?? 'America/New_York' },
	});

	const credentialsHelper = new TestCredentialsHelper(options.credentials ?? credentialData());
	const additionalData = testAdditionalData(credentialsHelper);
	const executionId = options.runId ? `execution-${options.runId}` : 'test-execution';
	additionalData.executionId = executionId;
	const hooks = new ExecutionLifecycleHooks('manual', executionId, {} as never);
	let resolveRun!: (run: IRun) => void;
	const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => resolveRun(run));

	additionalData.hooks = hooks;

	const inputItems: INodeExecutionData[] = (options.items ?? [{}]).map((json) => ({ json }));
	const runExecutionData: IRunExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node, data: { main: [inputItems] }, source: null }],
		},
	} as unknown as IRunExecutionData;

	const execution = new WorkflowExecute(additionalData, options.mode ?? 'manual', runExecutionData);
	try {
		await execution.processRunExecutionData(workflow);
	} catch (error) {
		// n8n refuses to start a workflow whose parameters fail the node's static checks
		// (required fields, locator regex): that is an outcome tests assert on too.
		if ((error as Error).name !== 'WorkflowHasIssuesError') throw error;
		return {
			items: [],
			error: error as RunResult['error'],
			credentialsHelper,
			run: undefined as never,
		};
	}
	const run = await finished;

	const taskData = run.data.resultData.runData[NODE_NAME]?.[0];
	return {
		items: taskData?.data?.main?.[0] ?? [],
		error: (taskData?.error ?? run.data.resultData.error) as RunResult['error'],
		credentialsHelper,
		run,
	};
}
