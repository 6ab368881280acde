// The benchmark's yardstick: a minimal Ink app, bundled exactly like kore-contacts (app.tsx).
// It draws one screen with a header, a short list and a key hint, and exits on q or Ctrl+C.
import {useState} from 'react';
import {Box, Text, useApp, useInput} from 'ink';

const items = Array.from({length: 10}, (_, index) => `Item ${index + 1}`);

export function ReferenceApp() {
	const {exit} = useApp();
	const [selected, setSelected] = useState(0);
	useInput((input, key) => {
		if (input === 'q') exit();
		if (key.downArrow) setSelected(index => Math.min(items.length - 1, index + 1));
		if (key.upArrow) setSelected(index => Math.max(0, index - 1));
	});
	return (
		<Box flexDirection="column">
			<Text bold>reference app · first frame</Text>
			{items.map((item, index) => (
				<Text key={item} color={index === selected ? 'cyan' : undefined}>
					{index === selected ? '❯ ' : '  '}
					{item}
				</Text>
			))}
			<Text dimColor>↑↓ move · q quit</Text>
		</Box>
	);
}
