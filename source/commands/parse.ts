import {InvalidArgumentError} from 'commander';

/** Commander argument parsers: a bad value is a usage error (exit 2) naming what to type. */
export function wholeNumber(min: number, max: number) {
	return (value: string): number => {
		const trimmed = value.trim();
		if (!/^\d+$/.test(trimmed)) throw new InvalidArgumentError(`Type a whole number from ${min} to ${max}.`);
		const n = Number(trimmed);
		if (n < min || n > max) throw new InvalidArgumentError(`Type a whole number from ${min} to ${max}.`);
		return n;
	};
}

export function seconds(value: string): number {
	const trimmed = value.trim();
	const n = Number(trimmed);
	if (!/^\d+(\.\d+)?$/.test(trimmed) || !(n > 0) || n > 600) {
		throw new InvalidArgumentError('Type a number of seconds greater than 0 and at most 600, e.g. 30.');
	}
	return n;
}

/** A stream or contact ID: not empty, no spaces or control characters. */
export function identifier(what: string) {
	return (value: string): string => {
		const trimmed = value.trim();
		// eslint-disable-next-line no-control-regex
		if (!trimmed || /[\s\u0000-\u001f\u007f-\u009f]/.test(trimmed)) {
			throw new InvalidArgumentError(`Type the ${what} without spaces.`);
		}
		return trimmed;
	};
}
