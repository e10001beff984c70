import { bootstrapApplication } from '@angular/platform-browser';
import { appConfig } from './app/app.config';
import { App } from './app/app';

// reportError hands the failure to the browser's normal error reporting (console and
// window 'error' listeners) without a console call in our code.
bootstrapApplication(App, appConfig).catch((err: unknown) => reportError(err));
