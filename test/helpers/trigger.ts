import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowSettings,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import { HookContext, PollContext, WebhookContext } from 'n8n-core';

import { TestCredentialsHelper } from './credentials';
import { TestNodeTypes, credentialData, testAdditionalData } from './n8n';

export const WEBHOOK_BASE_URL = 'https://n8n.example.com/webhook';
export const WEBHOOK_TEST_BASE_URL = 'https://n8n.example.com/webhook-test';
export const NODE_WEBHOOK_ID = '5f0a3f5e-6c1e-4a55-9d1c-0000000000aa';
/** n8n's URL for this node: `<base>/<webhookId>/<path>`. */
export const PRODUCTION_URL = `${WEBHOOK_BASE_URL}/${NODE_WEBHOOK_ID}/webhook`;
export const TEST_URL = `${WEBHOOK_TEST_BASE_URL}/${NODE_WEBHOOK_ID}/webhook`;

function additionalData(
	credentials: ICredentialDataDecryptedObject,
): IWorkflowExecuteAdditionalData {
	const data = testAdditionalData(new TestCredentialsHelper(credentials));
	data.webhookBaseUrl = WEBHOOK_BASE_URL;
	data.webhookTestBaseUrl = WEBHOOK_TEST_BASE_URL;
	data.httpRequest = undefined;
	data.httpResponse = undefined;
	return data;
}

/**
 * One workflow holding one trigger node, kept across calls so its static data lives on between
 * activation, deliveries and polls, as in a running n8n.
 */
export class TriggerHarness {
	readonly workflow: Workflow;

	readonly node: INode;

	readonly nodeType: INodeType;

	private readonly credentials: ICredentialDataDecryptedObject;

	/** `nodeType`: an instance of the trigger under test (WiseAgentTrigger or WiseAgentPollTrigger). */
	private readonly nodeTypes: TestNodeTypes;

	private readonly settings: IWorkflowSettings;

	private readonly workflowId: string;

	/**
	 * `nodeType`: an instance of the trigger under test (WiseAgentTrigger or WiseAgentPollTrigger).
	 * `staticData`: the workflow's saved static data to start from (e.g. another harness's, as
	 * after a restart of n8n); it is copied as n8n saves it (JSON).
	 * `workflowId`: another workflow (default 'test-workflow'), for harnesses that must not share
	 * what a node keeps in process memory per workflow.
	 */
	constructor(
		nodeType: INodeType,
		parameters: INodeParameters,
		options: {
			credentials?: ICredentialDataDecryptedObject;
			timezone?: string;
			staticData?: IDataObject;
			workflowId?: string;
		} = {},
	) {
		const type = `n8n-nodes-wiseagent.${nodeType.description.name}`;
		this.nodeType = nodeType;
		const node: INode = {
			id: 'c0ffee00-0000-4000-8000-000000000001',
			name: nodeType.description.displayName,
			type,
			typeVersion: 1,
			position: [0, 0],
			webhookId: nodeType.description.webhooks ? NODE_WEBHOOK_ID : undefined,
			parameters: {},
			credentials: { wiseAgentOAuth2Api: { id: 'cred-1', name: 'Wise Agent account' } },
		};
		// Like n8n when a workflow is saved: unset parameters get their defaults.
		node.parameters =
			NodeHelpers.getNodeParameters(
				nodeType.description.properties,
				parameters,
				true,
				false,
				node,
				nodeType.description,
			) ?? parameters;
		this.node = node;
		this.credentials = options.credentials ?? credentialData();
		this.nodeTypes = new TestNodeTypes({ [type]: nodeType });
		this.settings = { timezone: options.timezone ?? 'America/New_York' };
		this.workflowId = options.workflowId ?? 'test-workflow';
		this.workflow = this.newWorkflow(
			options.staticData ? savedCopy(options.staticData) : undefined,
		);
	}

	private newWorkflow(staticData?: IDataObject): Workflow {
		return new Workflow({
			id: this.workflowId,
			nodes: [this.node],
			connections: {},
			nodeTypes: this.nodeTypes,
			active: true,
			settings: this.settings,
			staticData,
		});
	}

	/** The workflow's whole static data as n8n would save it (JSON), e.g. for a restarted harness. */
	savedStaticData(): IDataObject {
		return savedCopy(this.workflow.staticData);
	}

	/** Changes the node's parameters, as when the user edits the node and saves. */
	setParameters(parameters: INodeParameters) {
		Object.assign(this.node.parameters, parameters);
	}

	get staticData(): IDataObject {
		return this.workflow.getStaticData('node', this.node);
	}

	private webhookData(isTest: boolean, data: IWorkflowExecuteAdditionalData): IWebhookData {
		return {
			httpMethod: 'POST',
			node: this.node.name,
			path: `${NODE_WEBHOOK_ID}/webhook`,
			webhookDescription: this.nodeType.description.webhooks![0],
			workflowId: this.workflow.id,
			workflowExecuteAdditionalData: data,
			webhookId: NODE_WEBHOOK_ID,
			isTest,
		};
	}

	/**
	 * Runs checkExists / create / delete through n8n-core's HookContext. Modes as n8n uses them:
	 * production activation runs with mode 'trigger', "Listen for test event" with 'manual', and
	 * n8n removes webhooks (test ones included) with mode 'internal'.
	 */
	async hook(
		method: 'checkExists' | 'create' | 'delete',
		options: {
			isTest?: boolean;
			mode?: WorkflowExecuteMode;
			activation?: WorkflowActivateMode;
		} = {},
	): Promise<boolean> {
		const isTest = options.isTest ?? false;
		const mode = options.mode ?? (method === 'delete' ? 'internal' : isTest ? 'manual' : 'trigger');
		const activation = options.activation ?? (isTest ? 'manual' : 'activate');
		const data = additionalData(this.credentials);
		const context = new HookContext(
			this.workflow,
			this.node,
			data,
			mode,
			activation,
			this.webhookData(isTest, data),
		);
		const result = await this.nodeType.webhookMethods!.default![method]!.call(context);
		return result as boolean;
	}

	/**
	 * Sends one call to the trigger's webhook through n8n-core's WebhookContext.
	 *
	 * `isolatedStaticData`: like n8n running concurrent webhook calls of one workflow, the call
	 * gets its own copy of the static data as saved when it arrives (JSON, as in the database),
	 * and its copy is saved back when it is done, replacing whatever is saved then (last write
	 * wins). Without it, every call shares the harness's one static data object.
	 * `onAnswer`: called when the node writes its response (status + body).
	 */
	async deliver(request: {
		body?: unknown;
		query?: IDataObject;
		rawBody?: unknown;
		isTest?: boolean;
		isolatedStaticData?: boolean;
		onAnswer?: (answer: { status?: number; body?: unknown }) => void;
	}): Promise<DeliveryResult> {
		const data = additionalData(this.credentials);
		const response = new FakeResponse(request.onAnswer);
		const workflow = request.isolatedStaticData
			? this.newWorkflow(this.savedStaticData())
			: this.workflow;
		data.httpRequest = {
			body: request.body ?? {},
			query: request.query ?? {},
			headers: { 'content-type': 'application/json' },
			params: {},
			rawBody: request.rawBody,
		} as never;
		data.httpResponse = response as never;
		const context = new WebhookContext(
			workflow,
			this.node,
			data,
			request.isTest ? 'manual' : 'webhook',
			this.webhookData(request.isTest ?? false, data),
			[],
			null,
		);
		const startedAt = performance.now();
		let result: IWebhookResponseData;
		try {
			result = await this.nodeType.webhook!.call(context);
		} finally {
			// n8n saves the static data of the call once it is done, also when it failed.
			if (workflow !== this.workflow)
				this.workflow.overrideStaticData(savedCopy(workflow.staticData));
		}
		const returnedAt = performance.now();
		return {
			result,
			items: result.workflowData?.[0] ?? [],
			status: response.statusCode,
			body: response.body,
			answeredAfterMs:
				response.answeredAt === undefined ? undefined : response.answeredAt - startedAt,
			durationMs: returnedAt - startedAt,
		};
	}

	/** Runs the poll function through n8n-core's PollContext. */
	async poll(mode: WorkflowExecuteMode = 'trigger'): Promise<INodeExecutionData[] | null> {
		const context = new PollContext(
			this.workflow,
			this.node,
			additionalData(this.credentials),
			mode,
			mode === 'manual' ? 'manual' : 'activate',
		);
		const result = await this.nodeType.poll!.call(context);
		return result ? result[0] : null;
	}
}

export interface DeliveryResult {
	result: IWebhookResponseData;
	items: INodeExecutionData[];
	/** Status written by the node itself (undefined when n8n sends its default response). */
	status?: number;
	body?: unknown;
	/** When the node wrote its response, in ms after the call started (undefined: it did not). */
	answeredAfterMs?: number;
	/** How long webhook() took, in ms. */
	durationMs: number;
}

/** Static data as n8n stores it: a JSON copy. */
function savedCopy(staticData: IDataObject): IDataObject {
	return JSON.parse(JSON.stringify(staticData)) as IDataObject;
}

/** The part of express' Response a webhook node uses to answer a call itself. */
class FakeResponse {
	statusCode?: number;

	body?: unknown;

	headersSent = false;

	/** performance.now() when the response was written (first json / send / end). */
	answeredAt?: number;

	constructor(private readonly onAnswer?: (answer: { status?: number; body?: unknown }) => void) {}

	status(code: number) {
		this.statusCode = code;
		return this;
	}

	json(body: unknown) {
		this.body = body;
		this.answered();
		return this;
	}

	send(body: unknown) {
		return this.json(body);
	}

	end() {
		this.answered();
		return this;
	}

	private answered() {
		if (this.headersSent) return;
		this.headersSent = true;
		this.answeredAt = performance.now();
		this.onAnswer?.({ status: this.statusCode, body: this.body });
	}

	setHeader() {
		return this;
	}
}
