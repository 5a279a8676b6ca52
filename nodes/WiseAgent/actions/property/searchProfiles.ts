import type { IDataObject } from 'n8n-workflow';

import { isRecord } from '../../helpers/records';

/**
 * addPropertySearchCriteria answers `{"success": "..."},{"clientid": "1074010", "searchID": "1234"}`
 * as documented: two objects side by side, which is not JSON (the lenient parser hands it back
 * as text), or, when repaired upstream, an array of both. Either way the fields are merged.
 */
export function mergedFields(body: unknown): IDataObject {
	if (Array.isArray(body)) return Object.assign({}, ...body.filter(isRecord)) as IDataObject;
	if (isRecord(body)) return body;
	const fields: IDataObject = {};
	if (typeof body === 'string') {
		for (const match of body.matchAll(/"(\w+)"\s*:\s*"?([^",}]*)"?/g)) fields[match[1]] = match[2];
	}
	return fields;
}
