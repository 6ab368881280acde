#!/usr/bin/env node
// The reference app in a session like the bench's browse (.bench/reference-list.js): 2,000 rows
// arrive 50 at a time every 100 ms with the highlight on the last one, then the highlight keeps
// moving every 100 ms. What Ink 6.8 and V8 alone hold at the peak of such a session: the memory
// floor under kore-contacts's browse. Rows look like kore-contacts's: name · phone · ID.
import {useEffect, useState} from 'react';
import {Box, Text, render} from 'ink';

const TOTAL = 2000;
const PAGE = 50;
const ROWS = 15;

const row = (index: number) =>
	`${`Contact ${index + 1}`.padEnd(30)} · ${`+44 7700 9${String(index).padStart(5, '0')}`.padEnd(22)} · c-${(index * 7919).toString(16).padStart(8, '0')}`;

function ListApp() {
	const [rows, setRows] = useState<string[]>([]);
	const [ticks, setTicks] = useState(0);
	useEffect(() => {
		const timer = setInterval(() => {
			setRows(current =>
				current.length >= TOTAL
					? current
					: [...current, ...Array.from({length: PAGE}, (_, index) => row(current.length + index))],
			);
			setTicks(count => count + 1);
		}, 100);
		return () => {
			clearInterval(timer);
		};
	}, []);
	const selected = rows.length < TOTAL ? rows.length - 1 : TOTAL - 1 - (ticks % 300);
	const first = Math.max(0, selected - ROWS + 1);
	return (
		<Box flexDirection="column">
			<Text bold>reference app · list</Text>
			<Text>
				{rows.length} of {TOTAL} loaded · {ticks} ticks
			</Text>
			{rows.slice(first, first + ROWS).map((text, index) => (
				<Text key={first + index} color={first + index === selected ? 'cyan' : undefined}>
					{first + index === selected ? '❯ ' : '  '}
					{text}
				</Text>
			))}
			<Text dimColor>↑↓ move · q quit</Text>
		</Box>
	);
}

render(<ListApp />);
