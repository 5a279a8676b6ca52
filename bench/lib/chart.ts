/**
 * One hand-written SVG (no dependencies): per scenario, two horizontal bars (ours, baseline) for the
 * median time, labelled with seconds, and the ratio ours / baseline. Each scenario's bars share
 * one scale (the longer bar spans the width), so scenarios of very different lengths stay readable.
 */

export interface ChartGroup {
	label: string;
	/** median, ms (NaN = no value, e.g. the run did not complete) */
	oursMs: number;
	baselineMs: number;
	/** shown under the label, e.g. what "baseline" is */
	note?: string;
	/** replaces the seconds printed next to a bar (e.g. "n/a: 93% never emitted") */
	oursText?: string;
	baselineText?: string;
}

const esc = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const secondsLabel = (ms: number) =>
	Number.isFinite(ms) ? `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s` : 'n/a';

/** Greedy word wrap at `width` characters. */
function wrap(text: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/)) {
		if (line && line.length + 1 + word.length > width) {
			lines.push(line);
			line = word;
		} else line = line ? `${line} ${word}` : word;
	}
	if (line) lines.push(line);
	return lines;
}

export function renderChart(groups: ChartGroup[], title: string, subtitle: string): string {
	const width = 1000;
	const labelWidth = 330;
	const barMax = 440;
	const barHeight = 20;
	const top = 80;
	const ours = '#ea4b71';
	const base = '#7b8794';
	const body: string[] = [];
	let y = top;
	for (const group of groups) {
		const labelLines = wrap(group.label, 38);
		const noteLines = group.note ? wrap(group.note, 52) : [];
		const textHeight = labelLines.length * 16 + noteLines.length * 14;
		const barsHeight = barHeight * 2 + 4;
		const height = Math.max(textHeight, barsHeight);
		const max = Math.max(
			Number.isFinite(group.oursMs) ? group.oursMs : 0,
			Number.isFinite(group.baselineMs) ? group.baselineMs : 0,
			1,
		);
		const r =
			Number.isFinite(group.oursMs) && Number.isFinite(group.baselineMs) && group.baselineMs > 0
				? group.oursMs / group.baselineMs
				: NaN;
		labelLines.forEach((line, i) =>
			body.push(
				`<text x="20" y="${y + 14 + i * 16}" font-weight="600" fill="#1f2933">${esc(line)}</text>`,
			),
		);
		noteLines.forEach((line, i) =>
			body.push(
				`<text x="20" y="${y + labelLines.length * 16 + 12 + i * 14}" font-size="11" fill="#7b8794">${esc(line)}</text>`,
			),
		);
		const bars: Array<[number, string, string | undefined]> = [
			[group.oursMs, ours, group.oursText],
			[group.baselineMs, base, group.baselineText],
		];
		bars.forEach(([value, color, text], k) => {
			const by = y + k * (barHeight + 4);
			const w = Number.isFinite(value) ? Math.max(2, (value / max) * barMax) : 0;
			if (w > 0)
				body.push(
					`<rect x="${labelWidth}" y="${by}" width="${w.toFixed(1)}" height="${barHeight}" rx="3" fill="${color}"/>`,
				);
			body.push(
				`<text x="${labelWidth + w + 6}" y="${by + 14}" fill="#1f2933">${esc(text ?? secondsLabel(value))}</text>`,
			);
		});
		body.push(
			`<text x="${width - 20}" y="${y + 27}" text-anchor="end" font-size="15" font-weight="600" fill="${Number.isFinite(r) ? (r <= 1 ? '#0b7a4b' : '#b42318') : '#7b8794'}">${Number.isFinite(r) ? `${r.toFixed(2)}×` : 'n/a'}</text>`,
		);
		y += height + 22;
	}
	const height = y + 20;
	return `${[
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="-apple-system, Segoe UI, Helvetica, Arial, sans-serif" font-size="13">`,
		`<rect width="${width}" height="${height}" fill="#ffffff"/>`,
		`<text x="20" y="28" font-size="18" font-weight="600" fill="#1f2933">${esc(title)}</text>`,
		`<text x="20" y="48" font-size="12" fill="#52606d">${esc(subtitle)}</text>`,
		`<rect x="${labelWidth}" y="58" width="12" height="12" fill="${ours}"/><text x="${labelWidth + 18}" y="68" fill="#1f2933">ours (Wise Agent node)</text>`,
		`<rect x="${labelWidth + 190}" y="58" width="12" height="12" fill="${base}"/><text x="${labelWidth + 208}" y="68" fill="#1f2933">baseline (HTTP Request / Webhook node)</text>`,
		`<text x="${width - 20}" y="68" text-anchor="end" font-size="12" fill="#52606d">ours / baseline</text>`,
		...body,
		`<text x="20" y="${height - 12}" font-size="11" fill="#7b8794">Median of the interleaved runs (n8n execution record); the bars of one scenario share a scale. Lower is better.</text>`,
		'</svg>',
	].join('\n')}\n`;
}
