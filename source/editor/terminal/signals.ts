/**
 * SIGHUP (the SSH connection dropped) and SIGTERM take the editor down cleanly and end with 128 +
 * the signal's number. The handlers stay until `release()`: a second hang-up (the kernel's, after
 * tmux's or sshd's) must not kill the process half-way through cleaning up.
 */
const SIGNAL_CODES = {SIGHUP: 129, SIGTERM: 143} as const;

export type SignalWatch = {
	/** The exit code for the signal that came, if one did. */
	code: () => number | undefined;
	/** Called (once) when a signal comes. */
	onSignal: (stop: (() => void) | undefined) => void;
	release: () => void;
};

export function watchSignals(stdin: NodeJS.ReadStream, stdout: NodeJS.WriteStream): SignalWatch {
	let signalled: keyof typeof SIGNAL_CODES | undefined;
	let stop: (() => void) | undefined;
	const on = (signal: keyof typeof SIGNAL_CODES) => {
		if (signalled) return;
		signalled = signal;
		if (signal === 'SIGHUP') {
			// The terminal is gone: reading or writing it may fail, and that must not crash us.
			const ignore = () => {};
			stdout.on('error', ignore);
			stdin.on('error', ignore);
		}

		stop?.();
	};

	const onHangup = () => {
		on('SIGHUP');
	};

	const onTerminate = () => {
		on('SIGTERM');
	};

	process.on('SIGHUP', onHangup);
	process.on('SIGTERM', onTerminate);
	return {
		code: () => (signalled ? SIGNAL_CODES[signalled] : undefined),
		onSignal(next) {
			stop = next;
		},
		release() {
			stop = undefined;
			process.off('SIGHUP', onHangup);
			process.off('SIGTERM', onTerminate);
		},
	};
}
