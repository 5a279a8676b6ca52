import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentialsHelper,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Credentials } from 'n8n-core';

import { WiseAgentOAuth2Api } from '../../credentials/WiseAgentOAuth2Api.credentials';

/**
 * A credentials helper that behaves like n8n's for our credential: it knows that
 * wiseAgentOAuth2Api extends oAuth2Api (so n8n-core takes its OAuth2 path, refresh included),
 * fills hidden fields from their defaults, resolving the `$self[...]` expressions the way the
 * credential defines them, and records what n8n writes back after a token refresh.
 */
export class TestCredentialsHelper implements Partial<ICredentialsHelper> {
	readonly updates: ICredentialDataDecryptedObject[] = [];
	/** How often n8n-core resolved the credential (each costs a database read in n8n). */
	reads = 0;

	private readonly credentialType: ICredentialType = new WiseAgentOAuth2Api();

	constructor(private data: ICredentialDataDecryptedObject) {}

	getParentTypes(name: string): string[] {
		return name === this.credentialType.name ? ['oAuth2Api'] : [];
	}

	getCredentialsProperties(): INodeProperties[] {
		return this.credentialType.properties;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		if (type !== this.credentialType.name) throw new Error(`Unknown credential type ${type}`);
		this.reads++;
		return structuredClone(withDefaults(this.credentialType.properties, this.data));
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string) {
		return new Credentials(nodeCredentials, type, '');
	}

	async authenticate(
		_credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		requestParams: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return requestParams;
	}

	async preAuthentication(
		_helpers: IHttpRequestHelper,
		_credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		_node: INode,
		_credentialsExpired: boolean,
	) {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.updates.push(structuredClone(data));
		this.data = { ...this.data, oauthTokenData: data.oauthTokenData };
	}

	getOAuth2Options() {
		return undefined;
	}

	isCredentialUsableByNode() {
		return true;
	}
}

/**
 * Property defaults, with the credential's `={{ $self["x"]... }}` defaults evaluated against
 * the stored values (n8n does this with its expression engine; ours are simple enough to run
 * as JavaScript with `$self` bound).
 */
function withDefaults(
	properties: INodeProperties[],
	data: ICredentialDataDecryptedObject,
): ICredentialDataDecryptedObject {
	const resolved: ICredentialDataDecryptedObject = {};
	for (const property of properties) {
		if (property.default !== undefined && typeof property.default !== 'object') {
			resolved[property.name] = property.default as string;
		}
	}
	Object.assign(resolved, data);
	for (const [key, value] of Object.entries(resolved)) {
		if (typeof value === 'string' && value.startsWith('=')) {
			resolved[key] = evaluateTemplate(value.slice(1), resolved);
		}
	}
	return resolved;
}

function evaluateTemplate(template: string, self: ICredentialDataDecryptedObject): string {
	return template.replace(/\{\{(.*?)\}\}/g, (_match, code: string) =>
		// eslint-disable-next-line @typescript-eslint/no-implied-eval
		String(new Function('$self', `return (${code});`)(self)),
	);
}
