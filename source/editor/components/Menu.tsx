import type React from 'react';
import {memo, useEffect, useRef, useState} from 'react';
import {Box, Text, useInput} from 'ink';
import {displayWidth, truncate} from '../../contact/display.js';
import {useFreshKeys} from '../terminal/keys.js';
import {useTheme} from '../theme.js';
import type {Hint} from './KeyHints.js';

export type MenuItem<V> = {
	key: string;
	label: string;
	value: V;
	/** Dimmed text after the label (e.g. "recent", "edited"). */
	note?: string;
	/** A letter that chooses this item at once, shown after the label as "[n]". */
	hotkey?: string;
};

export type MenuProps<V> = {
	items: Array<MenuItem<V>>;
	onSelect: (item: MenuItem<V>) => void;
	/** Called when the operator moves the highlight, and once for the first highlighted item (not when items change). */
	onHighlight?: (item: MenuItem<V>, index: number) => void;
	/** Controlled highlight: the key of the highlighted item (with onHighlight to follow moves). */
	selectedKey?: string;
	/** Rows the list may use; longer lists scroll and show "↑ 3 more" / "↓ 12 more". */
	height: number;
	columns: number;
	isActive?: boolean;
	/** j/k move too (off when a text input shares the keyboard). */
	vimKeys?: boolean;
	/** Key of the item to highlight first. */
	initialKey?: string;
	/** Shown when there are no items. */
	empty?: string;
	/** A confirmation: keys typed before the menu was drawn are dropped (with a hint). */
	confirmation?: boolean;
};

/**
 * One row. Memoised: a key typed into a filter above the list re-renders only the rows whose text
 * or highlight changed, and each label is measured (and cut) only when it does.
 */
const MenuRow = memo(function MenuRow({
	label,
	note,
	hotkey,
	letterColumn,
	selected,
	width,
}: {
	label: string;
	note?: string;
	hotkey?: string;
	/** Where the letters start (after the widest label and note), so they line up. */
	letterColumn: number;
	selected: boolean;
	width: number;
}) {
	const theme = useTheme();
	const letter = hotkey ? `[${hotkey}]` : '';
	// The letter keeps its place; the label and note give way on a narrow terminal.
	const room = letter ? Math.max(4, width - letter.length - 2) : width;
	const text = truncate(label, room, theme.symbols.ellipsis);
	const noteText = note ? truncate(`  ${note}`, Math.max(0, room - displayWidth(text)), theme.symbols.ellipsis) : '';
	const used = displayWidth(text) + displayWidth(noteText);
	const gap = letter ? ' '.repeat(Math.max(2, Math.min(letterColumn, room + 2) - used)) : '';
	return (
		<Box>
			<Text color={selected ? theme.accent : undefined} bold={selected}>
				{selected ? `${theme.symbols.pointer} ` : '  '}
			</Text>
			<Text color={selected ? theme.accent : undefined} bold={selected} wrap="truncate-end">
				{text}
			</Text>
			{noteText ? (
				<Text color={theme.muted} wrap="truncate-end">
					{noteText}
				</Text>
			) : null}
			{letter ? (
				<Text color={selected ? theme.accent : theme.muted} wrap="truncate-end">
					{gap}
					{letter}
				</Text>
			) : null}
		</Box>
	);
});

/** The keys of a long list, on the key line when there is room (it fits at 80 columns). */
export const PAGE_HINTS: Hint[] = [['PgUp/Dn Home/End', 'page', 'extra']];

/** The items' letters for the `?` list ("n  Name"): the menu rows show them as "[n]" after the label. */
export function letterHints<V>(items: Array<MenuItem<V>>): Hint[] {
	return items.flatMap(item => (item.hotkey ? [[item.hotkey, item.label, 'list'] as Hint] : []));
}

function clamp(value: number, min: number, max: number): number {
	return Math.max(min, Math.min(max, value));
}

/**
 * A select list that never grows taller than `height` (so Ink never redraws the whole screen),
 * themed (no colour with NO_COLOR), with ↑↓ / PgUp PgDn / Home End and Enter, and an item's letter.
 */
export function Menu<V>({
	items,
	onSelect,
	onHighlight,
	height,
	columns,
	isActive = true,
	vimKeys = true,
	initialKey,
	selectedKey: controlledKey,
	empty = '(nothing to choose)',
	confirmation = false,
}: MenuProps<V>): React.JSX.Element {
	const theme = useTheme();
	const isFresh = useFreshKeys(isActive);
	const [ownKey, setOwnKey] = useState<string | undefined>(initialKey);
	const selectedKey = controlledKey ?? ownKey;
	const foundIndex = items.findIndex(item => item.key === selectedKey);
	const index = foundIndex === -1 ? 0 : foundIndex;
	const rows = Math.max(1, height);
	const scrolling = items.length > rows;
	// With scrolling, one row at each end may hold "↑ n more" / "↓ n more".
	const window = scrolling ? Math.max(1, rows - 2) : rows;
	// The first visible row stays put until the highlight leaves the window.
	const top = useRef(0);
	const start = clamp(
		index < top.current ? index : index >= top.current + window ? index - window + 1 : top.current,
		0,
		Math.max(0, items.length - window),
	);
	top.current = start;

	const highlighted = items[index];
	const announced = useRef(false);
	// biome-ignore lint/correctness/useExhaustiveDependencies: announces the first highlighted item once, not on every new callback or index
	useEffect(() => {
		if (!announced.current && highlighted) {
			announced.current = true;
			onHighlight?.(highlighted, index);
		}
	}, [highlighted]);

	// Keys may arrive faster than effects re-register the handler below: it reads the latest
	// render's values from this ref, never from a stale closure.
	const latest = useRef({items, index, window, onSelect, onHighlight});
	latest.current = {items, index, window, onSelect, onHighlight};
	// After the widest label (with its note) of the lettered items, two spaces.
	const letterColumn =
		2 +
		Math.max(
			0,
			...items.filter(item => item.hotkey).map(item => displayWidth(item.label) + (item.note ? 2 + displayWidth(item.note) : 0)),
		);

	useInput(
		(input, key) => {
			if (confirmation && !isFresh()) return;
			const current = latest.current;
			const move = (to: number) => {
				if (current.items.length === 0) {
					return;
				}

				const nextIndex = clamp(to, 0, current.items.length - 1);
				const next = current.items[nextIndex];
				if (next && nextIndex !== current.index) {
					// Update the ref at once, so a second key before the next render moves on from here.
					latest.current = {...current, index: nextIndex};
					setOwnKey(next.key);
					current.onHighlight?.(next, nextIndex);
				}
			};

			if (key.upArrow || (vimKeys && input === 'k')) {
				move(current.index - 1);
			} else if (key.downArrow || (vimKeys && input === 'j')) {
				move(current.index + 1);
			} else if (key.pageUp) {
				move(current.index - current.window);
			} else if (key.pageDown) {
				move(current.index + current.window);
			} else if (key.home) {
				move(0);
			} else if (key.end) {
				move(current.items.length - 1);
			} else if (key.return) {
				const item = current.items[current.index];
				if (item) {
					current.onSelect(item);
				}
			} else if (!key.ctrl && !key.meta && input !== '') {
				const index = current.items.findIndex(item => item.hotkey === input);
				const item = current.items[index];
				if (item) {
					move(index);
					current.onSelect(item);
				}
			}
		},
		{isActive},
	);

	if (items.length === 0) {
		return <Text color={theme.muted}>{empty}</Text>;
	}

	const visible = items.slice(start, start + window);
	const above = start;
	const below = items.length - start - visible.length;
	const width = Math.max(8, columns - 3);
	return (
		<Box flexDirection="column">
			{scrolling ? <Text color={theme.muted}>{above > 0 ? `  ${theme.symbols.up} ${above} more` : ' '}</Text> : null}
			{visible.map(item => (
				<MenuRow
					key={item.key}
					label={item.label}
					note={item.note}
					hotkey={item.hotkey}
					letterColumn={letterColumn}
					selected={item.key === highlighted?.key}
					width={width}
				/>
			))}
			{scrolling ? <Text color={theme.muted}>{below > 0 ? `  ${theme.symbols.down} ${below} more` : ' '}</Text> : null}
		</Box>
	);
}
