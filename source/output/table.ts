import {displayWidth, padTo} from './text.js';

export type Column = {
	header: string;
	/** Never narrower than this (default: the header's width). */
	min?: number;
	/** Never wider than this. */
	max?: number;
	/** How readily it gives up width when the table is too wide, weighing its width (0, the default: never). */
	shrink?: number;
};

const GAP = '  ';

/**
 * Lays out rows as aligned columns no wider than `width` (display columns): each column takes
 * its widest cell, then the columns that may shrink give up width one column at a time (the one
 * with the largest width × weight first; cells cut with '…' by display width) until the table fits. Cells must already be sanitised. Returns the lines, header first.
 */
export function renderTable(columns: Column[], rows: string[][], width: number): string[] {
	const widths = columns.map((column, i) => {
		const natural = Math.max(displayWidth(column.header), ...rows.map(row => displayWidth(row[i] ?? '')));
		return Math.min(natural, column.max ?? Number.POSITIVE_INFINITY);
	});
	const total = () => widths.reduce((sum, w) => sum + w, 0) + GAP.length * (columns.length - 1);
	const floor = (i: number) => columns[i]!.min ?? Math.min(displayWidth(columns[i]!.header), widths[i]!);
	// Take one column at a time from the column with the most width times its shrink weight.
	for (let over = total() - width; over > 0; over--) {
		let best = -1;
		for (let i = 0; i < columns.length; i++) {
			const weight = columns[i]!.shrink ?? 0;
			if (weight <= 0 || widths[i]! <= floor(i)) continue;
			if (best === -1 || widths[i]! * weight > widths[best]! * (columns[best]!.shrink ?? 0)) best = i;
		}
		if (best === -1) break;
		widths[best]!--;
	}

	const line = (cells: string[]) =>
		cells
			.map((cell, i) => padTo(cell, widths[i]!))
			.join(GAP)
			.trimEnd();
	return [line(columns.map(c => c.header)), ...rows.map(row => line(columns.map((_, i) => row[i] ?? '')))];
}
