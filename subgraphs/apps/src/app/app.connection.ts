import { connectionTypes } from '@ultramarket/kit';
import { App } from './app.entity';

export const AppConnection = connectionTypes(App, 'App');
