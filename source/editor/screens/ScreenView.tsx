import type React from 'react';
import type {Screen} from '../state/navigation.js';
import {CardScreen} from './CardScreen.js';
import {ConflictScreen} from './ConflictScreen.js';
import {ContactScreen} from './ContactScreen.js';
import {EditForm} from './EditForm.js';
import {HistoryScreen} from './HistoryScreen.js';
import {ProfileForm} from './ProfileForm.js';
import {ProfileScreen} from './ProfileScreen.js';
import {ResultScreen} from './ResultScreen.js';
import {ResumeScreen} from './ResumeScreen.js';
import {ReviewScreen} from './ReviewScreen.js';
import {SecretScreen} from './SecretScreen.js';
import {SendScreen} from './SendScreen.js';
import {StreamScreen} from './StreamScreen.js';

/** The screen the flow names, with what it takes from its stack entry. */
export function ScreenView({screen, contactQuery}: {screen: Screen; contactQuery?: string | undefined}): React.JSX.Element {
	switch (screen.name) {
		case 'profile': {
			return <ProfileScreen />;
		}

		case 'profile-form': {
			return <ProfileForm initial={screen.initial} reason={screen.reason} />;
		}

		case 'secret': {
			return <SecretScreen profileName={screen.profileName} />;
		}

		case 'stream': {
			return <StreamScreen />;
		}

		case 'contact': {
			return <ContactScreen initialQuery={contactQuery} />;
		}

		case 'card': {
			return <CardScreen focus={screen.focus} />;
		}

		case 'name':
		case 'salutation':
		case 'phone': {
			return <EditForm form={screen.name} />;
		}

		case 'review': {
			return <ReviewScreen />;
		}

		case 'send': {
			return <SendScreen />;
		}

		case 'conflict': {
			return <ConflictScreen />;
		}

		case 'result': {
			return <ResultScreen />;
		}

		case 'resume': {
			return <ResumeScreen draft={screen.draft} />;
		}

		case 'history': {
			return <HistoryScreen />;
		}
	}
}
